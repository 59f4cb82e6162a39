/**
 * Protobuf bytes -> the API's JSON form, walking the compiled schema. Presence follows Go's encoding/json over the
 * struct gogo-protobuf would have filled: see schema/README.md. Fields the schema does not know are kept, visibly.
 * Objects are built with their keys in the order kubectl prints them (see key-order.ts).
 */
import { inKeyOrder } from './key-order.js';
import type { CompiledField, CompiledMessage } from './schema/compiled.js';
import { readSchemalessField } from './schemaless.js';
import { codecToJson, type CodecFields, type RawJsonDecoder } from './special.js';
import type { JsonObject, JsonValue } from './value.js';
import { readInt64, readUint64, wireTypeNames, type Reader } from './wire.js';

/** Where fields unknown to the schema appear in the output: a key no Kubernetes type uses. */
export const unknownFieldsKey = 'x-kubectl-etcd-unknown-fields';

export interface UnknownFieldReport {
  /** Protobuf message name, e.g. `k8s.io.api.apps.v1.DeploymentSpec`. */
  readonly message: string;
  readonly field: number;
  readonly wireType: string;
}

export interface DecodeContext {
  readonly unknownFields: UnknownFieldReport[];
  readonly decodeRawJson: RawJsonDecoder;
}

/** Malformed protobuf: where it broke and why. */
export class ProtobufDecodeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

const maxDepth = 100;

export function fits(field: CompiledField, wireType: number): boolean {
  if (field.wireType === wireType) return true;
  // Repeated numbers may arrive packed (one length-delimited run) from writers other than Go's.
  return wireType === 2 && field.shape === 'slice' && field.scalar !== null && field.scalar !== 'string' && field.scalar !== 'bytes';
}

function messageEnd(reader: Reader): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > reader.len) throw new ProtobufDecodeError(`length ${length} runs past the end of the value`, reader.pos);
  return end;
}

export function readScalar(field: CompiledField, reader: Reader, keepBytes: boolean): JsonValue | Uint8Array {
  switch (field.scalar) {
    case 'string': return reader.string();
    case 'bool': return reader.bool();
    case 'int32': return reader.int32();
    case 'uint32': return reader.uint32();
    case 'int64': return readInt64(reader);
    case 'uint64': return readUint64(reader);
    case 'float64': return reader.double();
    case 'float32': return reader.float();
    default: {
      const bytes = reader.bytes();
      return keepBytes ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    }
  }
}

function readElement(field: CompiledField, reader: Reader, ctx: DecodeContext, depth: number, keepBytes = false): JsonValue | Uint8Array {
  if (field.message === null) return readScalar(field, reader, keepBytes);
  return decodeMessage(field.message, reader, messageEnd(reader), ctx, depth + 1);
}

export function zeroScalar(field: CompiledField): JsonValue {
  switch (field.scalar) {
    case 'string': return '';
    case 'bool': return false;
    case 'bytes': return null;
    default: return 0;
  }
}

/** The JSON of a message absent from the wire: its Go zero value. */
export function zeroMessage(message: CompiledMessage, ctx: DecodeContext): JsonValue {
  return decodeMessage(message, { pos: 0, len: 0, buf: new Uint8Array(0) } as unknown as Reader, 0, ctx, 0);
}

function readMapEntry(field: CompiledField, reader: Reader, ctx: DecodeContext, depth: number, map: JsonObject): void {
  const end = messageEnd(reader);
  let key = '';
  let value: JsonValue | undefined;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === 0x0a) key = reader.string();
    else if (tag >>> 3 === 2 && (tag & 7) === field.wireType) value = readElement(field, reader, ctx, depth) as JsonValue;
    else reader.skipType(tag & 7);
  }
  if (reader.pos !== end) throw new ProtobufDecodeError('map entry overruns its length', reader.pos);
  map[key] = value ?? (field.message !== null ? zeroMessage(field.message, ctx) : zeroScalar(field));
}

export function isEmptyScalar(value: JsonValue): boolean {
  return value === '' || value === 0 || value === false || value === 0n;
}

/** Go encoding/json presence: what an absent field prints as, or undefined to leave it out. */
export function absentValue(field: CompiledField, ctx: DecodeContext): JsonValue | undefined {
  if (isLeftOutWhenAbsent(field)) return undefined;
  if (field.shape !== 'value' || field.scalar === 'bytes') return null;
  if (field.message === null) return zeroScalar(field);
  return zeroMessage(field.message, ctx);
}

/** Whether an absent field's key is left out (absentValue is undefined): omitempty, or omitzero for a struct. */
export function isLeftOutWhenAbsent(field: CompiledField): boolean {
  return field.shape !== 'value' || field.scalar === 'bytes' || field.message === null ? field.omitempty || field.omitzero : field.omitzero;
}

function decodeCodecFields(message: CompiledMessage, reader: Reader, end: number, ctx: DecodeContext, depth: number): CodecFields {
  const fields: CodecFields = [];
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = message.byNumber[tag >>> 3];
    if (field === undefined || !fits(field, tag & 7)) {
      reader.skipType(tag & 7);
      ctx.unknownFields.push({ message: message.fullName, field: tag >>> 3, wireType: wireTypeNames[tag & 7] ?? '?' });
      continue;
    }
    const value = readElement(field, reader, ctx, depth, true);
    if (field.shape === 'slice') ((fields[field.number] as JsonValue[] | undefined) ?? (fields[field.number] = [])).push(value as JsonValue);
    else fields[field.number] = value;
  }
  return fields;
}

export function decodeMessage(message: CompiledMessage, reader: Reader, end: number, ctx: DecodeContext, depth: number): JsonValue {
  if (depth > maxDepth) throw new ProtobufDecodeError(`messages nested deeper than ${maxDepth}`, reader.pos);
  if (message.codec !== null) {
    const fields = decodeCodecFields(message, reader, end, ctx, depth);
    if (reader.pos !== end) throw new ProtobufDecodeError('field overruns its message', reader.pos);
    return codecToJson(message.codec, fields, ctx.decodeRawJson);
  }
  // Values by field index, as they arrive; the object is built from them in key order afterwards.
  const values: Array<JsonValue | undefined> = new Array<JsonValue | undefined>(message.fields.length);
  let inlined: Map<CompiledField, JsonObject> | undefined;
  let unknown: JsonObject[] | undefined;
  const byNumber = message.byNumber;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = byNumber[number];
    if (field === undefined || !fits(field, wireType)) {
      if (number === 0) throw new ProtobufDecodeError('field number 0 is not valid', reader.pos);
      (unknown ??= []).push(readSchemalessField(reader, number, wireType, 0));
      ctx.unknownFields.push({ message: message.fullName, field: number, wireType: wireTypeNames[wireType] ?? String(wireType) });
      continue;
    }
    const index = field.index;
    if (field.shape === 'map') {
      readMapEntry(field, reader, ctx, depth, (values[index] as JsonObject | undefined) ?? (values[index] = {}));
    } else if (field.inline) {
      (inlined ??= new Map()).set(field, readElement(field, reader, ctx, depth) as JsonObject);
    } else if (field.shape === 'slice') {
      const list = (values[index] as JsonValue[] | undefined) ?? (values[index] = []);
      if (wireType === 2 && field.wireType !== 2) {
        const packedEnd = messageEnd(reader);
        while (reader.pos < packedEnd) list.push(readScalar(field, reader, false) as JsonValue);
      } else list.push(readElement(field, reader, ctx, depth) as JsonValue);
    } else {
      values[index] = readElement(field, reader, ctx, depth) as JsonValue;
    }
  }
  if (reader.pos !== end) throw new ProtobufDecodeError('field overruns its message', reader.pos);
  if (message.wrappedSlice) return (values[0] as JsonValue[] | undefined) ?? [];
  const out: JsonObject = {};
  for (const field of message.jsonOrder) {
    let value = values[field.index];
    if (value === undefined) {
      value = absentValue(field, ctx);
      if (value === undefined) continue;
    } else if (field.shape === 'map') {
      // Map entries arrive in the writer's order (Go sorts them; others may not).
      value = inKeyOrder(value as JsonObject);
    } else if (field.shape === 'value' && (field.omitempty || field.omitzero) && (field.message === null ? isEmptyScalar(value) : field.omitzero && value === null)) {
      continue;
    }
    out[field.key] = value;
  }
  if (!message.hasInline && unknown === undefined) return out;
  const merged: JsonObject[] = [];
  if (message.hasInline) {
    for (const field of message.fields) {
      if (!field.inline) continue;
      const value = inlined?.get(field) ?? (field.message !== null ? zeroMessage(field.message, ctx) : null);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) merged.push(value);
    }
  }
  if (unknown !== undefined) merged.push({ [unknownFieldsKey]: unknown });
  // Inline messages' keys and the unknown fields merge into the object's own, then all go in order.
  return inKeyOrder(Object.assign({}, out, ...merged) as JsonObject);
}
