/**
 * How a worker thread that formats List items starts: the CLI's entry registers it, since it depends on how the CLI
 * itself started. Kept apart from item-workers.ts so that registering loads nothing else.
 */
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
