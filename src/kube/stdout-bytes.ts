/**
 * A command's stdout gathered as it arrives into one buffer, sized up front when the caller can tell how much to
 * expect (a page of etcdctl output, from the pages before it), instead of kept as the stream's chunks and joined at
 * the end: the output is held once, not twice at its end, and the chunks are garbage as soon as they are copied.
 */
export class StdoutBytes {
  private buffer: Buffer | undefined;
  private length = 0;

  constructor(private readonly expectedBytes = 0) {}

  add(chunk: Uint8Array): void {
    const needed = this.length + chunk.length;
    if (this.buffer === undefined || needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, Math.ceil(this.expectedBytes), Math.ceil((this.buffer?.length ?? 0) * 1.5), 64 * 1024));
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
