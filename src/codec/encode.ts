/** The inverse of decoding: an object of a built-in type -> exactly the bytes the API server would store. */
import { encodeMessage, EncodeError } from './encode-message.js';
import { writeEnvelope } from './envelope.js';
import { schemaRegistry, type SchemaRegistry } from './schema/registry.js';
import type { JsonObject, JsonValue } from './value.js';

export { EncodeError };

/** Compact JSON as Go's encoding/json writes it (RawExtension and FieldsV1 hold such bytes). */
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export function compactJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? rawJson(v.toString()) : v))
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What the API server writes for an object: protobuf for built-in types, JSON (with the newline Go's encoder
 * adds) for custom resources and other types the schema does not know.
 */
export function encodeStoredValue(object: JsonObject, registry: SchemaRegistry = schemaRegistry()): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion === 'string' && typeof kind === 'string' && registry.messageForKind(apiVersion, kind) === undefined) {
    return Buffer.from(`${compactJson(object)}\n`);
  }
  return encodeObject(object, registry);
}

export function encodeObject(object: JsonObject, registry: SchemaRegistry = schemaRegistry()): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
    throw new EncodeError('', 'the object needs apiVersion and kind');
  }
  const message = registry.messageForKind(apiVersion, kind);
  if (message === undefined) {
    throw new EncodeError('', `no schema for ${apiVersion} ${kind}: custom resources are stored as JSON, not protobuf`);
  }
  const raw = encodeMessage(message, object, { encodeRawJson: (value) => Buffer.from(compactJson(value)) }, kind, 'top');
  return writeEnvelope(apiVersion, kind, raw);
}
