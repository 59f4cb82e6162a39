/**
 * Types whose JSON form is not their protobuf message (see `$codec` in the schema). Codec messages are decoded
 * with their fields keyed by field number; these functions turn that into the API's JSON form and back.
 */
import type { CodecName } from './schema/compiled.js';
import { formatDuration, parseDuration } from './go-duration.js';
import { formatMicroTime, formatTime, parseTime } from './go-time.js';
import { boundedMemo } from './bounded-memo.js';
import { canonicalQuantity } from './quantity.js';
import { isJsonObject, type JsonValue } from './value.js';

/** Raw JSON carried as bytes (RawExtension, FieldsV1, apiextensions JSON); provided by the decoder. */
export type RawJsonDecoder = (bytes: Uint8Array) => JsonValue;
/** The inverse: the exact bytes Go would hold for that JSON. */
export type RawJsonEncoder = (value: JsonValue) => Uint8Array;

/** A codec message's fields by field number; bytes stay bytes (no base64 round trip on the hot path). */
export type CodecFields = Array<JsonValue | Uint8Array | undefined>;
/** The same for encoding, keyed like an object so the generic encoder can walk it. */
export type CodecFieldValues = Record<string, JsonValue | Uint8Array>;

function asNumber(value: JsonValue | Uint8Array | undefined): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : 0;
}

function isEmpty(fields: CodecFields): boolean {
  return fields.every((value) => value === undefined);
}

export function codecToJson(codec: CodecName, fields: CodecFields, decodeRawJson: RawJsonDecoder): JsonValue {
  switch (codec) {
    case 'time':
      return isEmpty(fields) ? null : formatTime({ seconds: asNumber(fields[1]), nanos: asNumber(fields[2]) });
    case 'microtime':
      return isEmpty(fields) ? null : formatMicroTime({ seconds: asNumber(fields[1]), nanos: asNumber(fields[2]) });
    case 'duration': {
      const nanos = fields[1];
      return formatDuration(typeof nanos === 'bigint' ? nanos : BigInt(asNumber(nanos)));
    }
    case 'rawjson': {
      const raw = fields[1];
      return raw instanceof Uint8Array && raw.length > 0 ? decodeRawJson(raw) : null;
    }
    case 'intorstring':
      return asNumber(fields[1]) === 1 ? (typeof fields[3] === 'string' ? fields[3] : '') : asNumber(fields[2]);
    case 'quantity': {
      const text = fields[1];
      return typeof text === 'string' && text !== '' ? canonicalQuantityOrVerbatim(text) : '0';
    }
    case 'schemaorbool': {
      const schema = fields[2];
      return schema !== undefined && !(schema instanceof Uint8Array) ? schema : fields[1] === true;
    }
    case 'schemaorarray':
    case 'schemaorstringarray': {
      const list = fields[2];
      if (Array.isArray(list) && list.length > 0) return list;
      const schema = fields[1];
      return schema === undefined || schema instanceof Uint8Array ? null : schema;
    }
  }
}

/** A stored quantity is canonical already; if it does not parse, show it as stored rather than fail. */
const canonicalQuantityOrVerbatim = boundedMemo(canonicalOrVerbatim);

function canonicalOrVerbatim(text: string): string {
  try {
    return canonicalQuantity(text);
  } catch {
    return text;
  }
}

function invalid(codec: CodecName, value: JsonValue): Error {
  return new Error(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))} is not a valid ${codecDescription[codec]}`);
}

const codecDescription: Readonly<Record<CodecName, string>> = {
  time: 'time (RFC 3339, e.g. 2024-01-02T03:04:05Z)',
  microtime: 'time (RFC 3339 with microseconds)',
  duration: 'duration (e.g. 30s, 1m30s)',
  rawjson: 'raw JSON value',
  intorstring: 'integer or string',
  quantity: 'quantity (e.g. 100m, 1.5Gi)',
  schemaorarray: 'JSON schema or array of schemas',
  schemaorbool: 'JSON schema or boolean',
  schemaorstringarray: 'JSON schema or array of strings',
};

/** JSON form to message fields keyed by field number, ready for the generic encoder. */
export function codecFromJson(codec: CodecName, value: JsonValue, encodeRawJson: RawJsonEncoder): CodecFieldValues {
  switch (codec) {
    case 'time':
    case 'microtime': {
      if (value === null) return {};
      if (typeof value !== 'string') throw invalid(codec, value);
      const instant = parseTime(value);
      return { 1: instant.seconds, 2: codec === 'time' ? 0 : instant.nanos };
    }
    case 'duration': {
      if (typeof value !== 'string') throw invalid(codec, value);
      const nanos = parseDuration(value);
      return { 1: nanos >= BigInt(Number.MIN_SAFE_INTEGER) && nanos <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(nanos) : nanos };
    }
    case 'rawjson':
      return value === null ? {} : { 1: encodeRawJson(value) };
    case 'intorstring':
      if (typeof value === 'number' && Number.isInteger(value)) return { 1: 0, 2: value, 3: '' };
      if (typeof value === 'string') return { 1: 1, 2: 0, 3: value };
      throw invalid(codec, value);
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') throw invalid(codec, value);
      return { 1: canonicalQuantity(String(value)) };
    case 'schemaorbool':
      if (typeof value === 'boolean') return { 1: value };
      if (isJsonObject(value)) return { 1: true, 2: value };
      throw invalid(codec, value);
    case 'schemaorarray':
    case 'schemaorstringarray':
      if (value === null) return {};
      if (Array.isArray(value)) return { 2: value };
      if (isJsonObject(value)) return { 1: value };
      throw invalid(codec, value);
  }
}
