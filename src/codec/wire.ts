/** Wire-level helpers over protobufjs's Reader/Writer: exact 64-bit integers and wire-type names. */
import protobuf from 'protobufjs/light.js';

export type Reader = protobuf.Reader;
export type Writer = protobuf.Writer;

export const wireTypeNames: Readonly<Record<number, string>> = {
  0: 'varint', 1: 'fixed64', 2: 'bytes', 3: 'start-group', 4: 'end-group', 5: 'fixed32',
};

export function createReader(bytes: Uint8Array): Reader {
  // A Buffer gets protobufjs's BufferReader, whose strings come from Node's native UTF-8 decoder.
  return protobuf.Reader.create(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
}

export function createWriter(): Writer {
  return protobuf.Writer.create();
}

const twoTo32 = 4294967296;

/** A number when exactly representable, a bigint beyond 2^53. */
export function exactInteger(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

/** Reads a varint as an unsigned 64-bit value, exactly. protobufjs gives Long or a lossy number here. */
export function readVarint64(reader: Reader): bigint {
  let low = 0;
  let high = 0;
  let shift = 0;
  for (let i = 0; i < 10; i++) {
    if (reader.pos >= reader.len) throw new RangeError(`index out of range: ${reader.pos} + 1 > ${reader.len}`);
    const byte = reader.buf[reader.pos++] as number;
    if (shift < 28) low |= (byte & 0x7f) << shift;
    else if (shift === 28) {
      low |= (byte & 0x0f) << 28;
      high |= (byte & 0x7f) >> 4;
    } else high |= (byte & 0x7f) << (shift - 32);
    if ((byte & 0x80) === 0) return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    shift += 7;
  }
  throw new RangeError(`invalid varint at offset ${reader.pos}`);
}

/**
 * A varint of up to seven bytes (below 2^49) as a plain number, the common case for int64 fields (generations,
 * sizes, times); undefined, with the reader untouched, when it is longer.
 */
function readShortVarint(reader: Reader): number | undefined {
  const { buf } = reader;
  let value = 0;
  let scale = 1;
  for (let i = reader.pos; i < reader.len && i < reader.pos + 7; i++) {
    const byte = buf[i] as number;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      reader.pos = i + 1;
      return value;
    }
    scale *= 128;
  }
  return undefined;
}

export function readInt64(reader: Reader): number | bigint {
  return readShortVarint(reader) ?? exactInteger(BigInt.asIntN(64, readVarint64(reader)));
}

export function readUint64(reader: Reader): number | bigint {
  return readShortVarint(reader) ?? exactInteger(readVarint64(reader));
}

/** Writes a 64-bit integer as a varint (two's complement for negatives, as Go does). */
export function writeVarint64(writer: Writer, value: bigint | number): void {
  const unsigned = BigInt.asUintN(64, BigInt(value));
  if (unsigned < BigInt(twoTo32)) {
    writer.uint32(Number(unsigned));
    return;
  }
  const bytes: number[] = [];
  let rest = unsigned;
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  writer.raw(Uint8Array.from(bytes));
}
