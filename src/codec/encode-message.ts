/**
 * The API's JSON form -> protobuf bytes exactly as the API server's gogo-generated marshallers write them: fields
 * in number order, value (non-pointer) fields always written even when zero, map entries sorted by key.
 */
import type { CompiledField, CompiledMessage } from './schema/compiled.js';
import { codecFromJson, type RawJsonEncoder } from './special.js';
import { isJsonObject, type JsonObject, type JsonValue } from './value.js';
import { writeVarint64, type Writer, createWriter } from './wire.js';
import { unknownFieldsKey } from './decode-message.js';

/** A JSON value that does not fit the schema; `path` names it the way kubectl names fields. */
export class EncodeError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'EncodeError';
  }
}

export interface EncodeContext {
  readonly encodeRawJson: RawJsonEncoder;
}

type FieldValue = JsonValue | Uint8Array | undefined;

function describe(value: FieldValue): string {
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function writeScalar(field: CompiledField, value: FieldValue, writer: Writer, path: string): void {
  const wrong = (): never => {
    throw new EncodeError(path, `expected ${field.scalar}, got ${describe(value)}`);
  };
  switch (field.scalar) {
    case 'string':
      if (typeof value !== 'string') wrong();
      writer.string(value as string);
      return;
    case 'bool':
      if (typeof value !== 'boolean') wrong();
      writer.bool(value as boolean);
      return;
    case 'int32':
    case 'uint32':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrong();
      if (field.scalar === 'int32') writer.int32(value as number);
      else writer.uint32(value as number);
      return;
    case 'int64':
    case 'uint64':
      if (!(typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))) wrong();
      writeVarint64(writer, value as number | bigint);
      return;
    case 'float64':
      if (typeof value !== 'number') wrong();
      writer.double(value as number);
      return;
    case 'float32':
      if (typeof value !== 'number') wrong();
      writer.float(value as number);
      return;
    default:
      if (value instanceof Uint8Array) writer.bytes(value);
      else if (typeof value === 'string') writer.bytes(Buffer.from(value, 'base64'));
      else wrong();
  }
}

function zeroScalar(field: CompiledField): FieldValue {
  switch (field.scalar) {
    case 'string': return '';
    case 'bool': return false;
    case 'bytes': return new Uint8Array(0);
    default: return 0;
  }
}

function writeElement(field: CompiledField, value: FieldValue, writer: Writer, ctx: EncodeContext, path: string): void {
  writer.uint32((field.number << 3) | field.wireType);
  if (field.message === null) writeScalar(field, value, writer, path);
  else writer.bytes(encodeMessage(field.message, value, ctx, path, field.inline ? 'inline' : 'nested'));
}

function writeMapEntries(field: CompiledField, value: FieldValue, writer: Writer, ctx: EncodeContext, path: string): void {
  if (!isJsonObject(value as JsonValue)) throw new EncodeError(path, `expected a map, got ${describe(value)}`);
  const map = value as JsonObject;
  // Go's generated marshallers sort map keys so the bytes are deterministic.
  for (const key of Object.keys(map).sort()) {
    const entry = createWriter().uint32(0x0a).string(key);
    const entryValue = map[key];
    const entryPath = `${path}[${JSON.stringify(key)}]`;
    const valueField: CompiledField = { ...field, number: 2 };
    writeElement(valueField, entryValue === null ? (field.message === null ? zeroScalar(field) : null) : entryValue, entry, ctx, entryPath);
    writer.uint32((field.number << 3) | 2).bytes(entry.finish());
  }
}

function writeField(field: CompiledField, value: FieldValue, writer: Writer, ctx: EncodeContext, path: string): void {
  if (field.shape === 'map') {
    if (value !== undefined && value !== null) writeMapEntries(field, value, writer, ctx, path);
  } else if (field.shape === 'slice') {
    if (value === undefined || value === null) return;
    if (field.scalar === 'bytes' && typeof value === 'string') {
      writeElement(field, value, writer, ctx, path);
      return;
    }
    if (!Array.isArray(value)) throw new EncodeError(path, `expected a list, got ${describe(value)}`);
    value.forEach((item, index) => writeElement(field, item, writer, ctx, `${path}[${index}]`));
  } else if (field.shape === 'pointer') {
    if (value !== undefined && value !== null) writeElement(field, value, writer, ctx, path);
  } else if (field.message !== null) {
    // A value struct is always written, empty or not.
    writeElement(field, value === undefined ? null : value, writer, ctx, path);
  } else if (field.scalar === 'bytes') {
    // []byte is a slice in Go: nil is not written.
    if (value !== undefined && value !== null) writeElement(field, value, writer, ctx, path);
  } else {
    writeElement(field, value === undefined || value === null ? zeroScalar(field) : value, writer, ctx, path);
  }
}

function encodeFields(message: CompiledMessage, object: Record<string, FieldValue>, writer: Writer, ctx: EncodeContext, path: string): void {
  for (const field of message.fields) {
    const value = field.inline ? object as JsonValue : object[field.key];
    writeField(field, value, writer, ctx, field.inline ? path : `${path}.${field.key}`);
  }
}

/** Keys the message (and its inline members) accept, for the unknown-field check. */
function acceptedKeys(message: CompiledMessage, into = new Set<string>()): Set<string> {
  for (const field of message.fields) {
    if (field.inline && field.message !== null) acceptedKeys(field.message, into);
    else into.add(field.key);
  }
  return into;
}

const typeMetaKeys = new Set(['apiVersion', 'kind']);

/** `inline`: the value is the parent's object, whose keys the parent has checked already. */
export type MessagePosition = 'top' | 'nested' | 'inline';

export function encodeMessage(message: CompiledMessage, value: FieldValue, ctx: EncodeContext, path: string, position: MessagePosition): Uint8Array {
  const writer = createWriter();
  if (message.codec !== null) {
    // The codec says exactly which fields Go writes (a zero Time writes none).
    const fields = codecFromJson(message.codec, (value ?? null) as JsonValue, ctx.encodeRawJson);
    for (const field of message.fields) {
      if (field.key in fields) writeField(field, fields[field.key], writer, ctx, path);
    }
    return writer.finish();
  }
  if (message.wrappedSlice) {
    encodeFields(message, { items: value ?? null }, writer, ctx, path);
    return writer.finish();
  }
  if (value === null || value === undefined) return writer.finish();
  if (!isJsonObject(value as JsonValue)) throw new EncodeError(path, `expected an object, got ${describe(value)}`);
  const object = value as JsonObject;
  if (position !== 'inline') checkKeys(message, object, path, position === 'top');
  encodeFields(message, object, writer, ctx, path);
  return writer.finish();
}

function checkKeys(message: CompiledMessage, object: JsonObject, path: string, topLevel: boolean): void {
  const accepted = acceptedKeys(message);
  for (const key of Object.keys(object)) {
    if (accepted.has(key) || (topLevel && typeMetaKeys.has(key))) continue;
    if (key === unknownFieldsKey) throw new EncodeError(`${path}.${key}`, 'fields unknown to kubectl-etcd cannot be re-encoded');
    throw new EncodeError(`${path}.${key}`, `unknown field for ${message.fullName.split('.').pop()}`);
  }
}
