/**
 * etcd's buckets besides `key` and `meta`:
 * - `members`: member ID in hex -> JSON {id, peerURLs, isLearner?, name?, clientURLs?};
 * - `lease`: 8-byte big-endian lease ID -> leasepb.Lease {ID 1, TTL 2, RemainingTTL 3} (int64s);
 * - `auth`: `authEnabled` (one byte, 1 = on), `authRevision` (8-byte big-endian);
 *   `authUsers`: name -> authpb.User {name 1, password 2, roles 3 repeated, options 4 {no_password 1}};
 *   `authRoles`: name -> authpb.Role {name 1, keyPermission 2 repeated {permType 1, key 2, range_end 3}};
 * - `cluster`: `clusterVersion` (text, e.g. 3.4.0).
 */
import type { Member } from '../../cli/member.js';
import type { BoltDb } from './bbolt-db.js';
import { createReader, exactInteger, readInt64, type Reader } from '../../codec/wire.js';
import { EtcdLayoutError } from './errors.js';

export interface StoredLease {
  readonly id: number | bigint;
  /** The TTL granted, seconds. */
  readonly ttl: number | bigint;
  /** Saved by lease checkpointing only; 0 otherwise. */
  readonly remainingTtl: number | bigint;
}

export type PermissionType = 'READ' | 'WRITE' | 'READWRITE';

export interface StoredRole {
  readonly name: string;
  readonly permissions: readonly { readonly type: PermissionType; readonly key: Buffer; readonly rangeEnd: Buffer }[];
}

export interface StoredUser {
  readonly name: string;
  readonly roles: readonly string[];
  /** Whether a password hash is stored (the hash itself is never handed out). */
  readonly hasPassword: boolean;
  readonly noPassword: boolean;
}

export interface StoredAuth {
  readonly enabled: boolean;
  readonly revision: number | bigint;
  readonly users: readonly StoredUser[];
  readonly roles: readonly StoredRole[];
}

function values(db: BoltDb, bucket: string): { key: Buffer; value: Buffer }[] {
  return [...(db.bucket(bucket)?.entries() ?? [])].map((e) => ({ key: Buffer.from(e.key), value: Buffer.from(e.value) }));
}

/** Decodes one protobuf message field by field; wraps failures in an error naming the bucket and key. */
function decode<T>(db: BoltDb, where: string, bytes: Buffer, read: (reader: Reader, field: number, wireType: number) => boolean, done: () => T): T {
  try {
    const reader = createReader(bytes);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (!read(reader, tag >>> 3, tag & 7)) reader.skipType(tag & 7);
    }
    return done();
  } catch (error) {
    throw new EtcdLayoutError(db.path, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The members the file records, in the shape `member list` prints (IDs exact, from the bucket keys). */
export function readMembers(db: BoltDb): Member[] {
  return values(db, 'members').map(({ key, value }) => {
    let parsed: Record<string, unknown>;
    try {
      // The "id" field passes 2^53 and is left aside: the bucket key carries the same ID exactly.
      parsed = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new EtcdLayoutError(db.path, `member ${key.toString('latin1')}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const hex = key.toString('latin1');
    if (!/^[0-9a-f]{1,16}$/.test(hex)) throw new EtcdLayoutError(db.path, `member key ${JSON.stringify(hex)} is not a hex member ID`);
    return {
      id: BigInt(`0x${hex}`),
      name: typeof parsed.name === 'string' ? parsed.name : '',
      peerUrls: stringArray(parsed.peerURLs),
      clientUrls: stringArray(parsed.clientURLs),
      isLearner: parsed.isLearner === true,
    };
  });
}

export function readLeases(db: BoltDb): StoredLease[] {
  return values(db, 'lease').map(({ key, value }) => {
    let id: number | bigint = key.length === 8 ? exactInteger(key.readBigInt64BE(0)) : 0;
    let ttl: number | bigint = 0;
    let remainingTtl: number | bigint = 0;
    return decode(db, `lease 0x${key.toString('hex')}`, value, (reader, field, wireType) => {
      if (wireType !== 0 || field < 1 || field > 3) return false;
      const n = readInt64(reader);
      if (field === 1) id = n;
      else if (field === 2) ttl = n;
      else remainingTtl = n;
      return true;
    }, () => ({ id, ttl, remainingTtl }));
  });
}

const PERMISSION_TYPES: readonly PermissionType[] = ['READ', 'WRITE', 'READWRITE'];

function readPermission(db: BoltDb, where: string, bytes: Buffer): StoredRole['permissions'][number] {
  let type: PermissionType = 'READ';
  let key = Buffer.alloc(0);
  let rangeEnd = Buffer.alloc(0);
  return decode(db, where, bytes, (reader, field, wireType) => {
    if (field === 1 && wireType === 0) type = PERMISSION_TYPES[reader.int32()] ?? 'READ';
    else if (field === 2 && wireType === 2) key = Buffer.from(reader.bytes());
    else if (field === 3 && wireType === 2) rangeEnd = Buffer.from(reader.bytes());
    else return false;
    return true;
  }, () => ({ type, key, rangeEnd }));
}

export function readAuth(db: BoltDb): StoredAuth {
  const auth = new Map(values(db, 'auth').map(({ key, value }) => [key.toString('latin1'), value]));
  const revision = auth.get('authRevision');
  const users = values(db, 'authUsers').map(({ key, value }) => {
    const where = `user ${JSON.stringify(key.toString('utf8'))}`;
    let name = '';
    const roles: string[] = [];
    let hasPassword = false;
    let noPassword = false;
    return decode(db, where, value, (reader, field, wireType) => {
      if (wireType !== 2 || field < 1 || field > 4) return false;
      if (field === 1) name = reader.string();
      else if (field === 2) hasPassword = reader.bytes().length > 0;
      else if (field === 3) roles.push(reader.string());
      else noPassword = decode(db, where, Buffer.from(reader.bytes()), (options, f, w) => {
        if (f !== 1 || w !== 0) return false;
        noPassword = options.bool();
        return true;
      }, () => noPassword);
      return true;
    }, () => ({ name, roles, hasPassword, noPassword }));
  });
  const roles = values(db, 'authRoles').map(({ key, value }) => {
    const where = `role ${JSON.stringify(key.toString('utf8'))}`;
    let name = '';
    const permissions: StoredRole['permissions'][number][] = [];
    return decode(db, where, value, (reader, field, wireType) => {
      if (wireType !== 2 || field < 1 || field > 2) return false;
      if (field === 1) name = reader.string();
      else permissions.push(readPermission(db, where, Buffer.from(reader.bytes())));
      return true;
    }, () => ({ name, permissions }));
  });
  return {
    enabled: auth.get('authEnabled')?.[0] === 1,
    revision: revision?.length === 8 ? exactInteger(revision.readBigUInt64BE(0)) : 0,
    users,
    roles,
  };
}

/** The cluster version the members agreed on (`cluster` bucket), e.g. `3.4.0`. */
export function readClusterVersion(db: BoltDb): string | undefined {
  return db.bucket('cluster')?.get(Buffer.from('clusterVersion'))?.toString('utf8');
}
