/**
 * etcd's revision keys in the `key` bucket: main revision (8 bytes, big-endian), `_`, sub revision (8 bytes,
 * big-endian), and a trailing `t` when the entry is a deletion (tombstone). Byte order is revision order.
 */
export const REVISION_KEY_BYTES = 17;
const SEPARATOR = 0x5f; // '_'
const TOMBSTONE_MARK = 0x74; // 't'

export interface Revision {
  /** The store revision of the transaction that wrote the entry. */
  readonly main: number;
  /** The position of the change inside that transaction. */
  readonly sub: number;
  /** The entry records a deletion. */
  readonly tombstone: boolean;
}

function uint32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)) >>> 0;
}

function int64(bytes: Uint8Array, at: number): number | undefined {
  const high = uint32(bytes, at);
  // Beyond 2^53 (or negative) cannot be a revision a real store reached; treat it as not a revision key.
  if (high >= 0x200000) return undefined;
  return high * 0x1_0000_0000 + uint32(bytes, at + 4);
}

/** The revision a `key` bucket key stands for, or undefined when the bytes are not a revision key. */
export function parseRevisionKey(key: Uint8Array): Revision | undefined {
  const marked = key.length === REVISION_KEY_BYTES + 1;
  if (key.length !== REVISION_KEY_BYTES && !marked) return undefined;
  if (key[8] !== SEPARATOR || (marked && key[REVISION_KEY_BYTES] !== TOMBSTONE_MARK)) return undefined;
  const main = int64(key, 0);
  const sub = int64(key, 9);
  if (main === undefined || sub === undefined) return undefined;
  return { main, sub, tombstone: marked };
}

/** The 17-byte key of revision (main, sub), without the tombstone mark. */
export function revisionKey(main: number, sub = 0): Buffer {
  const key = Buffer.alloc(REVISION_KEY_BYTES);
  key.writeUInt32BE(Math.floor(main / 0x1_0000_0000), 0);
  key.writeUInt32BE(main % 0x1_0000_0000, 4);
  key[8] = SEPARATOR;
  key.writeUInt32BE(Math.floor(sub / 0x1_0000_0000), 9);
  key.writeUInt32BE(sub % 0x1_0000_0000, 13);
  return key;
}
