/**
 * The values of etcd's `key` bucket: mvccpb.KeyValue {key 1 bytes, create_revision 2 int64, mod_revision 3 int64,
 * version 4 int64, value 5 bytes, lease 6 int64}. A tombstone's value carries the key only.
 */
import { FieldReader } from '../../codec/field-reader.js';

export interface StoredKeyValue {
  readonly key: Buffer;
  readonly createRevision: number | bigint;
  readonly modRevision: number | bigint;
  readonly version: number | bigint;
  readonly value: Buffer;
  /** Lease ID, 0 when none; bigint beyond 2^53 (lease IDs usually are). */
  readonly lease: number | bigint;
}

const KEY_TAG = 0x0a; // field 1, length-delimited

/**
 * Decodes a stored mvccpb.KeyValue; throws (with the offset) when the bytes are not one. Key and value are copies,
 * unless `inPlace` says the bytes are the caller's own: then they are views of them.
 */
export function decodeStoredKeyValue(bytes: Uint8Array, inPlace = false): StoredKeyValue {
  const reader = new FieldReader(bytes);
  const take = ([start, end]: [number, number]): Buffer => (inPlace ? Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start) : Buffer.from(bytes.subarray(start, end)));
  let key: Buffer | undefined;
  let value: Buffer | undefined;
  let createRevision: number | bigint = 0;
  let modRevision: number | bigint = 0;
  let version: number | bigint = 0;
  let lease: number | bigint = 0;
  while (!reader.done) {
    const tag = Number(reader.varint(false));
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === 2) key = take(reader.span());
    else if (field === 2 && wireType === 0) createRevision = reader.varint();
    else if (field === 3 && wireType === 0) modRevision = reader.varint();
    else if (field === 4 && wireType === 0) version = reader.varint();
    else if (field === 5 && wireType === 2) value = take(reader.span());
    else if (field === 6 && wireType === 0) lease = reader.varint();
    else reader.skip(wireType);
  }
  return { key: key ?? Buffer.alloc(0), createRevision, modRevision, version, value: value ?? Buffer.alloc(0), lease };
}

/** The user key of a stored KeyValue (a copy). */
export function storedKeyOf(bytes: Uint8Array): Buffer {
  return decodeStoredKeyValue(bytes).key;
}

/**
 * The user key read in place from the first bytes of a stored KeyValue (a view, no copy): Go writes field 1 first.
 * Undefined when the prefix does not hold the whole key or the value starts otherwise; then use storedKeyOf.
 */
export function storedKeyInPrefix(prefix: Buffer): Buffer | undefined {
  if (prefix[0] !== KEY_TAG) return undefined;
  let length = 0;
  // Five varint bytes cover any key etcd accepts (its requests are limited far below 2^35 bytes).
  for (let at = 1, shift = 0; at < prefix.length && at < 6; at++, shift += 7) {
    const byte = prefix[at] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return at + 1 + length <= prefix.length ? prefix.subarray(at + 1, at + 1 + length) : undefined;
  }
  return undefined;
}
