/**
 * The values of etcd's `key` bucket: mvccpb.KeyValue {key 1 bytes, create_revision 2 int64, mod_revision 3 int64,
 * version 4 int64, value 5 bytes, lease 6 int64}. A tombstone's value carries the key only.
 */
import { createReader, readInt64 } from '../../codec/wire.js';

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

/** A copy: values read from the file are views into cached blocks, which a caller keeping them would pin. */
function own(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes);
}

/** Decodes a stored mvccpb.KeyValue; throws (with the offset) when the bytes are not one. */
export function decodeStoredKeyValue(bytes: Uint8Array): StoredKeyValue {
  const reader = createReader(bytes);
  let key: Buffer = Buffer.alloc(0);
  let value: Buffer = Buffer.alloc(0);
  let createRevision: number | bigint = 0;
  let modRevision: number | bigint = 0;
  let version: number | bigint = 0;
  let lease: number | bigint = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1 && wireType === 2) key = own(reader.bytes());
    else if (field === 2 && wireType === 0) createRevision = readInt64(reader);
    else if (field === 3 && wireType === 0) modRevision = readInt64(reader);
    else if (field === 4 && wireType === 0) version = readInt64(reader);
    else if (field === 5 && wireType === 2) value = own(reader.bytes());
    else if (field === 6 && wireType === 0) lease = readInt64(reader);
    else reader.skipType(wireType);
  }
  return { key, createRevision, modRevision, version, value, lease };
}

/**
 * The user key of a stored KeyValue without decoding the rest: Go writes field 1 first, so it is read in place
 * (a view, not a copy). Falls back to a full decode for any other layout.
 */
export function storedKeyOf(bytes: Buffer): Buffer {
  if (bytes[0] === KEY_TAG) {
    let length = 0;
    let shift = 0;
    let at = 1;
    for (; at < bytes.length && at < 6; at++) {
      const byte = bytes[at] as number;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) {
        at++;
        if (at + length <= bytes.length) return bytes.subarray(at, at + length);
        break;
      }
    }
  }
  return decodeStoredKeyValue(bytes).key;
}
