/**
 * How a worker thread that formats List items starts: the CLI's entry registers it, since it depends on how the CLI
 * itself started. Kept apart from item-workers.ts so that registering loads nothing else.
 */
import { availableParallelism } from 'node:os';
import type { MessagePort, ResourceLimits, Worker } from 'node:worker_threads';
import type { ObjectFormat } from './output.js';

/** What a worker thread is told at its start. */
export interface ItemWorkerData {
  readonly role: 'list-items';
  readonly keyPrefix: string;
  readonly format: ObjectFormat;
  readonly forApply: boolean;
  /** Read by each worker itself: the keys never cross threads. */
  readonly encryptionConfig: string | undefined;
  readonly maxFailures: number;
}

export type ItemWorkerStarter = (data: ItemWorkerData) => Worker;

/**
 * Heap limits for each thread: a batch is a few hundred keys, so what a thread holds at once is small, and a
 * collector held to little memory keeps the whole process's footprint near that of a single thread.
 */
export const ITEM_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

/** The variable that sets the number of formatting threads: 0 formats on the main thread. */
export const THREADS_VARIABLE = 'KUBECTL_ETCD_THREADS';

/**
 * Threads to format a large listing's items, and whether the user set the number. By default, reading a file, one
 * per core: all the work is this process's, and its main thread mostly waits on the file and the output. Reading a
 * cluster, one core is left to the main thread and threads start only when two or more remain: there etcd and the
 * exec stream set the pace, one thread that lets I/O run keeps up with them (on 2 cores the listing takes as long as
 * etcdctl's own output), and more threads would mostly add memory.
 */
export function itemThreadCount(reads: 'file' | 'cluster', environment: NodeJS.ProcessEnv = process.env): { count: number; explicit: boolean } {
  const asked = environment[THREADS_VARIABLE];
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return { count: Math.min(Number(asked), 64), explicit: true };
  const spare = reads === 'file' ? availableParallelism() : availableParallelism() - 1;
  return { count: spare >= 2 ? Math.min(spare, 8) : 0, explicit: false };
}

let starter: ItemWorkerStarter | undefined;

export function registerItemWorkers(start: ItemWorkerStarter): void {
  starter = start;
}

export function itemWorkerStarter(): ItemWorkerStarter | undefined {
  return starter;
}

/** The worker thread's side, for the entries to call: formats what it is sent until it is stopped. */
export async function serveItemWorker(data: ItemWorkerData, port: MessagePort): Promise<void> {
  const { serveItemBatches } = await import('./item-workers.js');
  await serveItemBatches(data, port);
}
