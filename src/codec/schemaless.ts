/**
 * A schema-less view of protobuf bytes: field numbers, wire types and values, guessing nested messages and text.
 * Used for fields the schema does not know and for values that cannot be decoded, so nothing is ever hidden.
 */
import type { JsonObject } from './value.js';
import { createReader, readUint64, wireTypeNames, type Reader } from './wire.js';

const maxDepth = 8;

function isPrintableText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (text.includes('\uFFFD')) return false;
  // Control characters other than tab and line breaks make it binary.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return false;
  }
  return true;
}

/** One field read without a schema; throws RangeError on malformed input. */
export function readSchemalessField(reader: Reader, number: number, wireType: number, depth: number): JsonObject {
  const field: JsonObject = { field: number, wireType: wireTypeNames[wireType] ?? String(wireType) };
  switch (wireType) {
    case 0:
      field.value = readUint64(reader);
      break;
    case 1: {
      const view = new DataView(reader.buf.buffer, reader.buf.byteOffset + reader.pos, 8);
      reader.skip(8);
      field.value = '0x' + view.getBigUint64(0, true).toString(16).padStart(16, '0');
      break;
    }
    case 5: {
      const view = new DataView(reader.buf.buffer, reader.buf.byteOffset + reader.pos, 4);
      reader.skip(4);
      field.value = '0x' + view.getUint32(0, true).toString(16).padStart(8, '0');
      break;
    }
    case 2: {
      const bytes = reader.bytes();
      if (isPrintableText(bytes)) field.string = Buffer.from(bytes).toString('utf8');
      else {
        const nested = depth < maxDepth ? tryDumpMessage(bytes, depth + 1) : undefined;
        if (nested !== undefined) field.message = nested;
        else field.base64 = Buffer.from(bytes).toString('base64');
      }
      break;
    }
    default:
      throw new RangeError(`wire type ${wireType} (field ${number}) is not valid here`);
  }
  return field;
}

function tryDumpMessage(bytes: Uint8Array, depth: number): JsonObject[] | undefined {
  try {
    return dumpMessage(bytes, depth);
  } catch {
    return undefined;
  }
}

/** All fields of a message; throws RangeError on malformed input. */
export function dumpMessage(bytes: Uint8Array, depth = 0): JsonObject[] {
  const reader = createReader(bytes);
  const fields: JsonObject[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    if (number === 0) throw new RangeError(`field number 0 at offset ${reader.pos}`);
    fields.push(readSchemalessField(reader, number, tag & 7, depth));
  }
  return fields;
}

/**
 * As much of a message as can be read: the fields before the first malformed byte, and that offset. A field cut
 * off by the end of the bytes is followed into: its readable start is shown, marked `truncated`.
 */
export function dumpMessagePrefix(bytes: Uint8Array, depth = 0): { fields: JsonObject[]; failedAt: number | null } {
  const reader = createReader(bytes);
  const fields: JsonObject[] = [];
  while (reader.pos < reader.len) {
    const start = reader.pos;
    try {
      const tag = reader.uint32();
      if (tag >>> 3 === 0) return { fields, failedAt: start };
      if ((tag & 7) === 2 && depth < maxDepth) {
        const lengthAt = reader.pos;
        const length = reader.uint32();
        if (reader.pos + length > reader.len) {
          const nested = dumpMessagePrefix(bytes.subarray(reader.pos), depth + 1);
          fields.push({ field: tag >>> 3, wireType: 'bytes', truncated: true, message: nested.fields });
          return { fields, failedAt: reader.pos + (nested.failedAt ?? reader.len - reader.pos) };
        }
        reader.pos = lengthAt;
      }
      fields.push(readSchemalessField(reader, tag >>> 3, tag & 7, depth));
    } catch {
      return { fields, failedAt: start };
    }
  }
  return { fields, failedAt: null };
}
