/**
 * The items of a List `get` prints (`--prefix -o yaml|json`), formatted batch by batch: on worker threads once the
 * listing is big enough to pay for starting them, here otherwise; handed back in key order, with no more batches
 * waiting than keep the threads busy.
 */
import { availableParallelism } from 'node:os';
import { formatListItems, type DecodeSettings, type FormattedItems, type KeyAndValue } from './decoded-entries.js';
import type { ItemWorkerData } from './item-worker-starter.js';
import { ItemWorkers } from './item-workers.js';
import type { ObjectFormat } from './output.js';
import { OutputBuffers } from './utf8-output.js';

/** Keys per batch: enough to outweigh the trip between threads, few enough to keep every thread fed. */
const BATCH_KEYS = 256;
/** Value bytes per batch at most (besides one value alone): what a thread decodes at once stays small. */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Batches seen before threads start (unless the user set their number): a shorter listing is done before they would be. */
const BATCHES_BEFORE_THREADS = 4;
/** Batches queued per thread. */
const QUEUE_PER_THREAD = 3;

/** The variable that sets the number of formatting threads: 0 formats on the main thread. */
export const THREADS_VARIABLE = 'KUBECTL_ETCD_THREADS';

/**
 * Threads to format a large listing's items, and whether the user set the number. Reading a file, one per core,
 * from three cores up: all the work is this process's. On two cores, threads beside a main thread that walks the file
 * were measured no faster than none (large:100000 snapshot, 2.8-3.0 s either way) for 1.2 s more CPU and 70 MB more
 * memory. Reading a cluster, one core is left to the main thread and threads start only when two or more remain:
 * there etcd and the exec stream set the pace, and on two cores formatting on the main thread keeps up with them.
 */
export function itemThreadCount(reads: 'file' | 'cluster', environment: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): { count: number; explicit: boolean } {
  const asked = environment[THREADS_VARIABLE];
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return { count: Math.min(Number(asked), 64), explicit: true };
  const spare = reads === 'file' ? (cores >= 3 ? cores : 0) : cores - 1;
  return { count: spare >= 2 ? Math.min(spare, 8) : 0, explicit: false };
}

export interface ListItemsOptions {
  readonly settings: DecodeSettings;
  readonly format: ObjectFormat;
  /** Where the keys come from, which decides how many threads are worth starting (see itemThreadCount). */
  readonly reads: 'file' | 'cluster';
  /** The EncryptionConfiguration's path, for the threads to read the keys themselves. */
  readonly encryptionConfig: string | undefined;
  /** Messages returned per batch for values that did not decode (the caller prints only the first few anyway). */
  readonly maxFailures: number;
}

export class ListItems {
  private readonly queue: Promise<FormattedItems>[] = [];
  private batch: KeyAndValue[] = [];
  private batchBytes = 0;
  private batches = 0;
  /** Undefined until decided; null when items are formatted on this thread. */
  private workers: ItemWorkers | null | undefined;
  /** What items formatted on this thread are written into, reused once written (see written()). */
  private readonly buffers = new OutputBuffers();

  private readonly threads: { count: number; explicit: boolean };

  constructor(private readonly options: ListItemsOptions) {
    this.threads = itemThreadCount(options.reads);
  }

  /** Adds a key; true when enough batches are queued that the caller should take them (ready()) before more. */
  add(entry: KeyAndValue): boolean {
    if (this.batch.length > 0 && this.batchBytes + entry.value.length > BATCH_BYTES) this.dispatch();
    this.batch.push(entry);
    this.batchBytes += entry.value.length;
    if (this.batch.length >= BATCH_KEYS) this.dispatch();
    return this.queue.length > this.queueLimit();
  }

  /** A page has ended: its last keys go out as a batch of their own, so output keeps pace with the pages. */
  endPage(): void {
    if (this.batch.length > 0) this.dispatch();
  }

  /** Batches formatted so far, in order; waits for the oldest while too many are queued. */
  async ready(): Promise<FormattedItems[]> {
    const done: FormattedItems[] = [];
    while (this.queue.length > this.queueLimit()) done.push(await (this.queue.shift() as Promise<FormattedItems>));
    return done;
  }

  private queueLimit(): number {
    return this.workers ? this.workers.size * QUEUE_PER_THREAD : 0;
  }

  /** Every remaining batch, in order. */
  async finish(): Promise<FormattedItems[]> {
    if (this.batch.length > 0) this.dispatch();
    return Promise.all(this.queue.splice(0));
  }

  /** A batch's text has been written out: the buffer it is in may take another batch, here or on a thread. */
  written(text: string | Uint8Array): void {
    if (typeof text !== 'string' && !this.buffers.giveBack(text)) this.workers?.giveBack(text);
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }

  private dispatch(): void {
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    this.batches++;
    if (this.workers === undefined && (this.threads.explicit || this.batches > BATCHES_BEFORE_THREADS)) this.workers = this.startWorkers();
    const { settings, format, maxFailures } = this.options;
    const formatted = this.workers ? this.workers.format(batch) : Promise.resolve(formatListItems(batch, settings, format, maxFailures, this.buffers));
    // A failure is met when its turn comes (or the listing is abandoned), not as an unhandled rejection before.
    formatted.catch(() => undefined);
    this.queue.push(formatted);
  }

  private startWorkers(): ItemWorkers | null {
    const { settings, format, encryptionConfig, maxFailures } = this.options;
    const data: ItemWorkerData = { role: 'list-items', keyPrefix: settings.keyPrefix, format, forApply: settings.forApply, encryptionConfig, maxFailures };
    return ItemWorkers.start(data, this.threads.count) ?? null;
  }
}
