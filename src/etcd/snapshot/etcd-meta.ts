/**
 * etcd's `meta` bucket: `consistent_index` and `term` (8-byte big-endian; term since 3.5), `finishedCompactRev` and
 * `scheduledCompactRev` (revision keys), and in 3.5+ `confState` (JSON) and `storageVersion` (text).
 */
import type { BoltDb } from './bbolt-db.js';
import { exactInteger } from '../../codec/wire.js';
import { parseRevisionKey, type Revision } from './revision.js';

export interface EtcdMeta {
  /** Index of the last raft entry applied to the store. */
  readonly consistentIndex?: number | bigint;
  readonly term?: number | bigint;
  /** The compaction etcd completed last. */
  readonly finishedCompactRevision?: Revision;
  /** The compaction asked for last; ahead of the finished one when a compaction was cut short. */
  readonly scheduledCompactRevision?: Revision;
  readonly confState?: string;
  readonly storageVersion?: string;
}

function uint64(value: Buffer | undefined): number | bigint | undefined {
  return value?.length === 8 ? exactInteger(value.readBigUInt64BE(0)) : undefined;
}

/** The meta bucket's known entries; an absent bucket or entry leaves its field undefined. */
export function readEtcdMeta(db: BoltDb): EtcdMeta {
  const bucket = db.bucket('meta');
  const get = (name: string) => bucket?.get(Buffer.from(name));
  const revision = (name: string) => {
    const value = get(name);
    return value ? parseRevisionKey(value) : undefined;
  };
  const text = (name: string) => get(name)?.toString('utf8');
  const meta: Record<string, unknown> = {
    consistentIndex: uint64(get('consistent_index')),
    term: uint64(get('term')),
    finishedCompactRevision: revision('finishedCompactRev'),
    scheduledCompactRevision: revision('scheduledCompactRev'),
    confState: text('confState'),
    storageVersion: text('storageVersion'),
  };
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined)) as EtcdMeta;
}
