/**
 * Worker threads that decode and format List items, so that a large `get -o yaml|json` uses every core: the main
 * thread reads pages and writes, the workers turn batches of keys into text, and the text goes out in key order.
 * How a worker thread starts depends on how the CLI started (a file bundle, an ES module, a single executable): the
 * entry registers it. Without a registered way, or with one core, the caller formats items itself.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { formatListItems, type DecodeSettings, type FormattedItems, type KeyAndValue } from './decoded-entries.js';
import { itemWorkerStarter, type ItemWorkerData } from './item-worker-starter.js';
import { OutputBuffers } from './utf8-output.js';

/** A batch as it crosses threads: keys and values each packed in one buffer, with where each one ends. */
interface CopiedBatch {
  readonly id: number;
  readonly keys: Uint8Array<ArrayBuffer>;
  readonly keyEnds: Uint32Array<ArrayBuffer>;
  readonly values: Uint8Array<ArrayBuffer>;
  readonly valueEnds: Uint32Array<ArrayBuffer>;
}

/**
 * A batch whose keys and values all lie in one piece of shared memory (a snapshot read whole): only where they
 * lie crosses, as key start, key end, value start, value end per item.
 */
interface SharedBatch {
  readonly id: number;
  readonly shared: SharedArrayBuffer;
  readonly spans: Uint32Array<ArrayBuffer>;
}

/** A batch, and memory of output written since, handed back for the thread to write more output into. */
type PackedBatch = (CopiedBatch | SharedBatch) & { readonly spare?: ArrayBuffer };

type BatchAnswer = { readonly id: number; readonly result: FormattedItems } | { readonly id: number; readonly error: string };

/** The shared memory every key and value of the batch lies in, if there is one. */
function sharedMemoryOf(batch: readonly KeyAndValue[]): SharedArrayBuffer | undefined {
  const shared = batch[0]?.value.buffer;
  if (!(shared instanceof SharedArrayBuffer)) return undefined;
  for (const { key, value } of batch) if (key.buffer !== shared || value.buffer !== shared) return undefined;
  return shared;
}

function pack(id: number, batch: readonly KeyAndValue[]): PackedBatch {
  const shared = sharedMemoryOf(batch);
  if (shared !== undefined && shared.byteLength <= 0xffffffff) {
    const spans = new Uint32Array(4 * batch.length);
    batch.forEach(({ key, value }, index) => {
      spans.set([key.byteOffset, key.byteOffset + key.length, value.byteOffset, value.byteOffset + value.length], 4 * index);
    });
    return { id, shared, spans };
  }
  const keyEnds = new Uint32Array(batch.length);
  const valueEnds = new Uint32Array(batch.length);
  let keyBytes = 0;
  let valueBytes = 0;
  batch.forEach(({ key, value }, index) => {
    keyEnds[index] = keyBytes += key.length;
    valueEnds[index] = valueBytes += value.length;
  });
  const keys = new Uint8Array(keyBytes);
  const values = new Uint8Array(valueBytes);
  batch.forEach(({ key, value }, index) => {
    keys.set(key, (keyEnds[index] as number) - key.length);
    values.set(value, (valueEnds[index] as number) - value.length);
  });
  return { id, keys, keyEnds, values, valueEnds };
}

function unpack(packed: PackedBatch): KeyAndValue[] {
  const batch: KeyAndValue[] = [];
  if ('shared' in packed) {
    const memory = new Uint8Array(packed.shared);
    const { spans } = packed;
    for (let at = 0; at < spans.length; at += 4) {
      batch.push({ key: memory.subarray(spans[at], spans[at + 1]), value: memory.subarray(spans[at + 2], spans[at + 3]) });
    }
    return batch;
  }
  for (let index = 0, keyStart = 0, valueStart = 0; index < packed.keyEnds.length; index++) {
    const keyEnd = packed.keyEnds[index] as number;
    const valueEnd = packed.valueEnds[index] as number;
    batch.push({ key: packed.keys.subarray(keyStart, keyEnd), value: packed.values.subarray(valueStart, valueEnd) });
    keyStart = keyEnd;
    valueStart = valueEnd;
  }
  return batch;
}

interface Pending {
  readonly resolve: (result: FormattedItems) => void;
  readonly reject: (error: Error) => void;
}

export class ItemWorkers {
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[];
  private nextId = 0;
  private failure: Error | undefined;
  /** The memory of texts the threads made and the caller has written: it goes back to them with the next batches. */
  private readonly written: ArrayBuffer[] = [];

  private constructor(private readonly workers: readonly Worker[]) {
    this.load = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.on('message', (answer: BatchAnswer) => this.answer(index, answer));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`a formatting thread stopped (exit code ${code})`)));
    });
  }

  /** Worker threads for the items of one listing (see list-items.ts, itemThreadCount), or undefined for none. */
  static start(data: ItemWorkerData, count: number): ItemWorkers | undefined {
    const starter = itemWorkerStarter();
    if (starter === undefined || count < 1) return undefined;
    return new ItemWorkers(Array.from({ length: count }, () => starter(data)));
  }

  /** Batches given but not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  get size(): number {
    return this.workers.length;
  }

  /** The batch's items as text, formatted by the least busy thread. */
  format(batch: readonly KeyAndValue[]): Promise<FormattedItems> {
    if (this.failure) return Promise.reject(this.failure);
    const index = this.load.indexOf(Math.min(...this.load));
    const spare = this.written.pop();
    const packed: PackedBatch = { ...pack(this.nextId++, batch), ...(spare ? { spare } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(packed.id, { resolve, reject });
      this.load[index] = (this.load[index] as number) + 1;
      const transfer = 'shared' in packed ? [packed.spans.buffer] : [packed.keys.buffer, packed.keyEnds.buffer, packed.values.buffer, packed.valueEnds.buffer];
      (this.workers[index] as Worker).postMessage(packed, spare ? [...transfer, spare] : transfer);
    });
  }

  /**
   * A text a thread made has been written, and nothing reads it any more: its memory (wholly the caller's since the
   * thread handed it over) goes back with a coming batch.
   */
  giveBack(text: Uint8Array): void {
    const memory = text.buffer;
    if (memory instanceof ArrayBuffer && memory.byteLength > 0 && this.written.length < 2 * this.workers.length) this.written.push(memory);
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the formatting threads were closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answer(index: number, answer: BatchAnswer): void {
    this.load[index] = (this.load[index] as number) - 1;
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ('error' in answer) waiting?.reject(new Error(answer.error));
    else waiting?.resolve(answer.result);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

const encoder = new TextEncoder();

/** The worker thread's side: formats each batch it is sent, until the main thread stops it. */
export async function serveItemBatches(data: ItemWorkerData, port: MessagePort): Promise<void> {
  const keyRing = data.encryptionConfig === undefined ? undefined : await (await import('../codec/encryption-config.js')).readEncryptionConfig(data.encryptionConfig);
  const settings: DecodeSettings = { keyPrefix: data.keyPrefix, keyRing, forApply: data.forApply };
  const buffers = new OutputBuffers();
  port.on('message', (packed: PackedBatch) => {
    let answer: BatchAnswer;
    let transfer: ArrayBuffer[] = [];
    if (packed.spare) buffers.adopt(packed.spare);
    try {
      const result = formatListItems(unpack(packed), settings, data.format, data.maxFailures, buffers);
      // Encoded here, in parallel, and handed over without a copy; TextEncoder's bytes own their whole buffer.
      const bytes = typeof result.text === 'string' ? encoder.encode(result.text) : result.text;
      answer = { id: packed.id, result: { ...result, text: bytes } };
      transfer = [bytes.buffer as ArrayBuffer];
    } catch (error) {
      answer = { id: packed.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer, transfer);
  });
}
