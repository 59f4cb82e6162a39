/**
 * The protobuf storage envelope: the magic `k8s\0` followed by a runtime.Unknown
 * { typeMeta(1){apiVersion(1), kind(2)}, raw(2), contentEncoding(3), contentType(4) } whose raw is the object.
 */
import { ProtobufDecodeError } from './decode-message.js';
import { FieldReader } from './field-reader.js';
import { createReader, createWriter } from './wire.js';

export const protobufMagic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
  /** Offset of raw within the whole value, so errors inside the object point at the right byte. */
  readonly rawOffset: number;
  readonly contentEncoding: string;
  readonly contentType: string;
  /** How many bytes of raw are missing when the value is cut short (0 when whole). */
  readonly missingBytes: number;
}

export function hasProtobufMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x6b && bytes[1] === 0x38 && bytes[2] === 0x73 && bytes[3] === 0x00;
}

export function readTypeMeta(bytes: Uint8Array): { apiVersion: string; kind: string } {
  const reader = createReader(bytes);
  let apiVersion = '';
  let kind = '';
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag === 0x0a) apiVersion = reader.string();
    else if (tag === 0x12) kind = reader.string();
    else reader.skipType(tag & 7);
  }
  return { apiVersion, kind };
}

/** Where a whole envelope's type (its TypeMeta message) and object lie in it. */
export interface EnvelopeSpans {
  readonly typeMetaStart: number;
  readonly typeMetaEnd: number;
  readonly rawStart: number;
  readonly rawEnd: number;
}

/**
 * The envelope read in place, without copies or strings: for printers that take a value straight from its bytes
 * (and keep the type of the values before). Undefined for one cut short or malformed: readEnvelope says how.
 */
export function envelopeSpans(bytes: Uint8Array): EnvelopeSpans | undefined {
  const reader = new FieldReader(bytes, protobufMagic.length);
  let typeMeta: [number, number] = [bytes.length, bytes.length];
  let raw: [number, number] = [bytes.length, bytes.length];
  try {
    while (!reader.done) {
      const tag = Number(reader.varint(false));
      if (tag === 0x0a) typeMeta = reader.span();
      else if (tag === 0x12) raw = reader.span();
      else reader.skip(tag & 7);
    }
  } catch {
    return undefined;
  }
  return { typeMetaStart: typeMeta[0], typeMetaEnd: typeMeta[1], rawStart: raw[0], rawEnd: raw[1] };
}

/** Parses the envelope; throws ProtobufDecodeError with the offset where it is malformed. */
export function readEnvelope(bytes: Uint8Array): Envelope {
  const reader = createReader(bytes.subarray(protobufMagic.length));
  let typeMeta = { apiVersion: '', kind: '' };
  let raw: Uint8Array = new Uint8Array(0);
  let rawOffset = bytes.length;
  let contentEncoding = '';
  let contentType = '';
  let missingBytes = 0;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      switch (tag) {
        case 0x0a: typeMeta = readTypeMeta(reader.bytes()); break;
        case 0x12: {
          const length = reader.uint32();
          rawOffset = protobufMagic.length + reader.pos;
          // A value cut short keeps what it has: the type is known, and the object's start can still be shown.
          missingBytes = Math.max(0, reader.pos + length - reader.len);
          raw = reader.buf.subarray(reader.pos, Math.min(reader.len, reader.pos + length));
          reader.pos += length - missingBytes;
          break;
        }
        case 0x1a: contentEncoding = reader.string(); break;
        case 0x22: contentType = reader.string(); break;
        default: reader.skipType(tag & 7);
      }
    }
  } catch (error) {
    throw new ProtobufDecodeError(`malformed storage envelope: ${(error as Error).message}`, protobufMagic.length + reader.pos);
  }
  return { ...typeMeta, raw, rawOffset, contentEncoding, contentType, missingBytes };
}

/** The envelope exactly as the API server writes it: every field present, empty strings included. */
export function writeEnvelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const typeMeta = createWriter().uint32(0x0a).string(apiVersion).uint32(0x12).string(kind).finish();
  const body = createWriter()
    .uint32(0x0a).bytes(typeMeta)
    .uint32(0x12).bytes(raw)
    .uint32(0x1a).string('')
    .uint32(0x22).string('')
    .finish();
  const out = new Uint8Array(protobufMagic.length + body.length);
  out.set(protobufMagic, 0);
  out.set(body, protobufMagic.length);
  return out;
}
