/**
 * A command's stdout gathered as it arrives into one buffer, sized up front when the caller can tell how much to
 * expect (a page of etcdctl output, from the pages before it), instead of kept as the stream's chunks and joined at
 * the end: the output is held once, not twice at its end, and the chunks are garbage as soon as they are copied.
 */

/** The buffers StdoutBytes made: only those are filled again (a view of any other may share its memory). */
const madeHere = new WeakSet<ArrayBufferLike>();

/**
 * Collected stdout its reader is done with, offered to gather a later command's stdout into: a long listing's
 * pages then take turns in the same memory instead of each taking fresh memory (page faults, and resident memory
 * until a garbage collection). Taken at most once, so a retried command never shares it with the attempt before.
 */
export class SpareStdout {
  private bytes: Uint8Array | undefined;

  constructor(bytes: Uint8Array) {
    this.bytes = madeHere.has(bytes.buffer) ? bytes : undefined;
  }

  /** The whole buffer, when it holds at least `size` bytes; this offer is used up either way. */
  take(size: number): Buffer | undefined {
    const whole = this.bytes?.buffer;
    this.bytes = undefined;
    return whole !== undefined && whole.byteLength >= size ? Buffer.from(whole, 0, whole.byteLength) : undefined;
  }
}

export class StdoutBytes {
  private buffer: Buffer | undefined;
  private length = 0;

  constructor(
    private readonly expectedBytes = 0,
    private readonly spare?: SpareStdout,
  ) {}

  add(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (this.buffer === undefined || needed > this.buffer.length) {
      const size = Math.max(needed, Math.ceil(this.expectedBytes), Math.ceil((this.buffer?.length ?? 0) * 1.5), 64 * 1024);
      const grown = (this.buffer === undefined ? this.spare?.take(size) : undefined) ?? Buffer.allocUnsafeSlow(size);
      madeHere.add(grown.buffer);
      this.buffer?.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  /** What arrived: a view of the buffer. */
  bytes(): Buffer {
    return this.buffer === undefined ? Buffer.alloc(0) : this.buffer.subarray(0, this.length);
  }
}
