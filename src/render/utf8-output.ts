/**
 * Output text gathered as UTF-8 bytes in one growing buffer: printers that copy bytes straight from their input
 * (see json-from-protobuf.ts) never make a JavaScript string of them, and the result crosses threads without a copy.
 */
const LOOP_MAX = 96;

/**
 * Buffers whose output has been written, for the next outputs on this thread to fill. A long listing then cycles
 * through a few buffers instead of taking fresh memory for every batch: fresh memory costs page faults, and what is
 * let go is held until a garbage collection gets to it (a large listing's resident memory is a measured budget).
 */
export class OutputBuffers {
  private readonly free: Buffer[] = [];
  /** Buffers handed out and not yet given back: only those are taken back, each once. */
  private readonly lent = new WeakSet<ArrayBufferLike>();

  constructor(private readonly keep = 4) {}

  /** A buffer of at least `size` bytes: the smallest free one that fits, or a new one. */
  take(size: number): Buffer {
    let best: number | undefined;
    this.free.forEach((buffer, index) => {
      if (buffer.length >= size && (best === undefined || buffer.length < (this.free[best] as Buffer).length)) best = index;
    });
    // Never from Buffer's shared pool: the whole ArrayBuffer is the output's, so it can be transferred or reused.
    const buffer = best === undefined ? Buffer.allocUnsafeSlow(size) : (this.free.splice(best, 1)[0] as Buffer);
    this.lent.add(buffer.buffer);
    return buffer;
  }

  /**
   * The output in `bytes` is written, or dropped, and nothing reads it any more: its buffer may be filled again. Bytes
   * from elsewhere (another thread's output, text) are left alone: false.
   */
  giveBack(bytes: Uint8Array): boolean {
    const whole = bytes.buffer;
    if (!this.lent.has(whole)) return false;
    this.lent.delete(whole);
    this.keepFree(Buffer.from(whole, 0, whole.byteLength));
    return true;
  }

  /** Memory handed over whole by another thread (transferred: nothing else can reach it), to fill like a free buffer. */
  adopt(memory: ArrayBuffer): void {
    if (memory.byteLength > 0) this.keepFree(Buffer.from(memory));
  }

  private keepFree(buffer: Buffer): void {
    this.free.push(buffer);
    if (this.free.length > this.keep) {
      // The smallest goes: the others fit more outputs.
      this.free.sort((a, b) => b.length - a.length).pop();
    }
  }
}

export class Utf8Output {
  private buffer: Buffer;
  length = 0;

  /** With `buffers`, the output is written into one of theirs, and grows into theirs. */
  constructor(capacity = 64 * 1024, private readonly buffers?: OutputBuffers) {
    const size = Math.max(capacity, 64);
    this.buffer = buffers ? buffers.take(size) : Buffer.allocUnsafeSlow(size);
  }

  /** Room for `more` bytes past the end. */
  reserve(more: number): Buffer {
    const needed = this.length + more;
    if (needed > this.buffer.length) {
      const size = Math.max(needed, this.buffer.length * 2);
      const grown = this.buffers ? this.buffers.take(size) : Buffer.allocUnsafeSlow(size);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffers?.giveBack(this.buffer);
      this.buffer = grown;
    }
    return this.buffer;
  }

  byte(value: number): void {
    this.reserve(1)[this.length++] = value;
  }

  /** All of `source` (short constant text, mostly). */
  bytes(source: Uint8Array): void {
    const count = source.length;
    let at = this.length;
    const target = at + count <= this.buffer.length ? this.buffer : this.reserve(count);
    // A loop beats TypedArray#set's call for the few bytes most pieces have.
    if (count <= LOOP_MAX) for (let i = 0; i < count; i++) target[at++] = source[i] as number;
    else target.set(source, at);
    this.length += count;
  }

  /** Text known to be ASCII (one byte a character). */
  ascii(value: string): void {
    const count = value.length;
    const target = this.reserve(count);
    for (let i = 0, at = this.length; i < count; i++, at++) target[at] = value.charCodeAt(i);
    this.length += count;
  }

  /** Text of any characters, as UTF-8. */
  text(value: string): void {
    this.length += this.reserve(value.length * 3).write(value, this.length, 'utf8');
  }

  /** Drops everything after `length` bytes (to take back a part that is printed another way). */
  truncate(length: number): void {
    this.length = length;
  }

  /** The bytes so far: a view of this output's own buffer, which the caller may transfer. */
  view(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buffer.buffer as ArrayBuffer, this.buffer.byteOffset, this.length);
  }
}
