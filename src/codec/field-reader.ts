/**
 * The fields of a small protobuf message, read in place: varints as plain numbers (bigint past 2^53) and
 * length-delimited fields as where they lie, with no general reader and no copies. Throws RangeError when the bytes
 * end inside a field.
 */
export class FieldReader {
  constructor(
    private readonly bytes: Uint8Array,
    /** Where the next field starts. */
    public at = 0,
  ) {}

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  private byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError(`index out of range: ${this.at} + 1 > ${this.bytes.length}`);
    return this.bytes[this.at++] as number;
  }

  /** A varint as a plain number when it has at most 7 bytes (< 2^49: every tag, length and revision), else bigint. */
  varint(signed = true): number | bigint {
    const start = this.at;
    let value = 0;
    for (let i = 0, scale = 1; i < 7; i++, scale *= 128) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
    this.at = start;
    let big = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      big |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) {
        const wide = signed ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big);
        return wide <= BigInt(Number.MAX_SAFE_INTEGER) && wide >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(wide) : wide;
      }
    }
    throw new RangeError(`invalid varint at offset ${start}`);
  }

  /** A length-delimited field's bytes: where they start and end. */
  span(): [start: number, end: number] {
    const length = Number(this.varint(false));
    const start = this.at;
    if (start + length > this.bytes.length) throw new RangeError(`index out of range: ${start} + ${length} > ${this.bytes.length}`);
    this.at = start + length;
    return [start, this.at];
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint(false);
    else if (wireType === 2) this.span();
    else if (wireType === 1 || wireType === 5) {
      const width = wireType === 1 ? 8 : 4;
      if (this.at + width > this.bytes.length) throw new RangeError(`index out of range: ${this.at} + ${width} > ${this.bytes.length}`);
      this.at += width;
    } else throw new Error(`invalid wire type ${wireType} at offset ${this.at}`);
  }
}
