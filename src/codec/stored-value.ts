/**
 * One etcd value in, the object as the API would serve it out — or a precise account of why not. Never throws:
 * every outcome is a variant of DecodedValue.
 */
import { CborError, decodeCbor, hasCborPrefix } from './cbor.js';
import { decodeMessage, ProtobufDecodeError, type DecodeContext, type UnknownFieldReport } from './decode-message.js';
import { decryptValue, describeEncrypted } from './encryption.js';
import type { KeyRing } from './encryption-config.js';
import { hasProtobufMagic, readEnvelope } from './envelope.js';
import { compareKeys, deepInKeyOrder } from './key-order.js';
import { dumpMessagePrefix } from './schemaless.js';
import { schemaRegistry, type SchemaRegistry } from './schema/registry.js';
import { parseJsonExact } from '../render/json-parse.js';
import type { JsonObject, JsonValue } from './value.js';
import { createReader } from './wire.js';

export type Encoding = 'protobuf' | 'json' | 'cbor';

export type DecodedValue =
  | {
    readonly status: 'decoded';
    readonly encoding: Encoding;
    readonly object: JsonObject;
    /** Fields on the wire the schema does not know; they are kept in the object under unknownFieldsKey. */
    readonly unknownFields: readonly UnknownFieldReport[];
    /** Set when the value was encrypted at rest and decrypted with a key from the EncryptionConfiguration. */
    readonly decryptedWith?: { readonly provider: string; readonly keyName: string };
  }
  | {
    /** Encrypted at rest and not decryptable here: what the prefix says, and why. */
    readonly status: 'encrypted';
    readonly provider: string;
    readonly keyName: string;
    readonly ciphertextLength: number;
    readonly reason: string;
  }
  | {
    readonly status: 'undecodable';
    readonly reason: string;
    /** Byte offset in the value where decoding failed, when there is one. */
    readonly offset: number | null;
    /** A schema-less dump of what could be read, for a person to inspect. */
    readonly dump: JsonValue;
  };

export interface TypeMeta {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface DecodeOptions {
  /** The etcd key: aesgcm authenticates it, and errors name it. */
  readonly key?: string;
  /** Keys from the API server's EncryptionConfiguration, to decrypt values encrypted at rest. */
  readonly keyRing?: KeyRing;
  /** Used when the envelope carries no type (WatchEvent), e.g. derived from the etcd key. */
  readonly typeHint?: TypeMeta;
  readonly registry?: SchemaRegistry;
}

function undecodable(reason: string, offset: number | null, dump: JsonValue): DecodedValue {
  return { status: 'undecodable', reason, offset, dump };
}

function firstSignificantByte(bytes: Uint8Array): number | undefined {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}

export function looksLikeJson(bytes: Uint8Array): boolean {
  const first = firstSignificantByte(bytes);
  return first === 0x7b || first === 0x5b;
}

function decodeJsonValue(bytes: Uint8Array): DecodedValue {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  try {
    const object = parseJsonExact(text);
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      return undecodable('the JSON value is not an object', 0, text);
    }
    return { status: 'decoded', encoding: 'json', object: deepInKeyOrder(object) as JsonObject, unknownFields: [] };
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    return undecodable(`malformed JSON: ${(error as Error).message}`, position ? Number(position[1]) : null, text);
  }
}

function decodeCborValue(bytes: Uint8Array): DecodedValue {
  try {
    const object = decodeCbor(bytes);
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      return undecodable('the CBOR value is not an object', 0, null);
    }
    return { status: 'decoded', encoding: 'cbor', object: deepInKeyOrder(object) as JsonObject, unknownFields: [] };
  } catch (error) {
    return undecodable((error as Error).message, error instanceof CborError ? error.offset : null, Buffer.from(bytes).toString('base64'));
  }
}

function schemalessDump(bytes: Uint8Array): JsonValue {
  const { fields, failedAt } = dumpMessagePrefix(bytes);
  return failedAt === null ? fields : { fields, unreadableFrom: failedAt, base64: Buffer.from(bytes).toString('base64') };
}

function decodeProtobufValue(bytes: Uint8Array, options: DecodeOptions): DecodedValue {
  let envelope;
  try {
    envelope = readEnvelope(bytes);
  } catch (error) {
    const offset = error instanceof ProtobufDecodeError ? error.offset : null;
    return undecodable((error as Error).message, offset, schemalessDump(bytes.subarray(4)));
  }
  const typeMeta = envelope.kind === '' && options.typeHint !== undefined ? options.typeHint : envelope;
  if (typeMeta.kind === '') {
    return undecodable('the value carries no apiVersion/kind and none was given', null, schemalessDump(envelope.raw));
  }
  const registry = options.registry ?? schemaRegistry();
  const message = registry.messageForKind(typeMeta.apiVersion, typeMeta.kind);
  if (message === undefined) {
    const what = registry.knowsGroupVersion(typeMeta.apiVersion) ? `kind ${typeMeta.kind}` : `group version ${typeMeta.apiVersion}`;
    return undecodable(`no schema for ${typeMeta.apiVersion} ${typeMeta.kind}: kubectl-etcd does not know ${what}`, null, schemalessDump(envelope.raw));
  }
  if (envelope.missingBytes > 0) {
    const dump = schemalessDump(envelope.raw);
    return undecodable(`truncated ${typeMeta.apiVersion} ${typeMeta.kind}: the value ends ${envelope.missingBytes} bytes before its object does`, bytes.length, dump);
  }
  const ctx = protobufDecodeContext(options);
  const reader = createReader(envelope.raw);
  try {
    const decoded = decodeMessage(message, reader, reader.len, ctx, 0) as JsonObject;
    const object: JsonObject = envelope.kind === '' ? decoded : withTypeMeta(decoded, typeMeta);
    return { status: 'decoded', encoding: 'protobuf', object, unknownFields: ctx.unknownFields };
  } catch (error) {
    const offset = envelope.rawOffset + (error instanceof ProtobufDecodeError ? error.offset : reader.pos);
    const reason = error instanceof RangeError || error instanceof ProtobufDecodeError
      ? `truncated or corrupt ${typeMeta.apiVersion} ${typeMeta.kind}: ${(error as Error).message}`
      : `cannot decode ${typeMeta.apiVersion} ${typeMeta.kind}: ${(error as Error).message}`;
    return undecodable(reason, offset, schemalessDump(envelope.raw));
  }
}

/** What decodeMessage needs beside the schema: where unknown fields go, and how embedded raw objects decode. */
export function protobufDecodeContext(options: DecodeOptions): DecodeContext {
  return { unknownFields: [], decodeRawJson: (raw) => decodeEmbedded(raw, options) };
}

/** The object with apiVersion and kind added (unless it has its own), its keys still in kubectl's order. */
function withTypeMeta(decoded: JsonObject, typeMeta: TypeMeta): JsonObject {
  const object: JsonObject = {};
  const pending: Array<[string, string]> = [['apiVersion', typeMeta.apiVersion], ['kind', typeMeta.kind]];
  for (const key in decoded) {
    for (let order; pending.length > 0 && (order = compareKeys((pending[0] as [string, string])[0], key)) <= 0;) {
      const [name, value] = pending.shift() as [string, string];
      if (order < 0) object[name] = value;
    }
    object[key] = decoded[key] as JsonValue;
  }
  for (const [name, value] of pending) object[name] = value;
  return object;
}

/** Raw JSON fields (RawExtension, FieldsV1) may hold JSON or a nested protobuf object. */
function decodeEmbedded(raw: Uint8Array, options: DecodeOptions): JsonValue {
  if (hasProtobufMagic(raw)) {
    const nested = decodeProtobufValue(raw, { ...(options.registry ? { registry: options.registry } : {}) });
    if (nested.status === 'decoded') return nested.object;
  } else {
    try {
      return deepInKeyOrder(parseJsonExact(Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8')));
    } catch {
      // Not JSON: show the bytes rather than lose them.
    }
  }
  return Buffer.from(raw).toString('base64');
}

function decodeEncryptedValue(bytes: Uint8Array, options: DecodeOptions): DecodedValue {
  const info = describeEncrypted(bytes);
  if (info === undefined || info.kind === 'malformed') {
    return undecodable(info?.reason ?? 'malformed encrypted value', 0, null);
  }
  const result = decryptValue(bytes, options.key ?? '', options.keyRing);
  if (result.kind === 'decrypted') {
    const inner = decodeStoredValue(result.plaintext, { ...options, keyRing: undefined });
    return inner.status === 'decoded' ? { ...inner, decryptedWith: { provider: result.provider, keyName: result.keyName } } : inner;
  }
  const reason = result.kind === 'undecryptable' ? result.message
    : result.kind === 'malformed' ? result.reason
      : 'not decryptable';
  return { status: 'encrypted', provider: info.provider, keyName: info.keyName, ciphertextLength: info.ciphertextLength, reason };
}

export function decodeStoredValue(bytes: Uint8Array, options: DecodeOptions = {}): DecodedValue {
  if (bytes.length === 0) return undecodable('the value is empty', 0, null);
  if (describeEncrypted(bytes) !== undefined) return decodeEncryptedValue(bytes, options);
  if (hasProtobufMagic(bytes)) return decodeProtobufValue(bytes, options);
  if (looksLikeJson(bytes)) return decodeJsonValue(bytes);
  if (hasCborPrefix(bytes)) return decodeCborValue(bytes);
  return undecodable('not a Kubernetes storage value (no k8s protobuf magic, not JSON)', 0, schemalessDump(bytes));
}
