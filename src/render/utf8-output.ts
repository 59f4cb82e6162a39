/**
 * Output text gathered as UTF-8 bytes in one growing buffer: printers that copy bytes straight from their input
 * (see json-from-protobuf.ts) never make a JavaScript string of them, and the result crosses threads without a copy.
 */
const LOOP_MAX = 96;

export class Utf8Output {
  private buffer: Buffer;
  length = 0;

  constructor(capacity = 64 * 1024) {
    // Never from Buffer's shared pool: the whole ArrayBuffer is this output's, so it can be transferred.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 64));
  }

  /** Room for `more` bytes past the end. */
  reserve(more: number): Buffer {
    const needed = this.length + more;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
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
