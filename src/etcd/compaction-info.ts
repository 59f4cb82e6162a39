/**
 * How far back etcd's history reaches: the current revision, the revision etcd compacted at (below it every read
 * fails), and what kube-apiserver recorded in compact_rev_key when it last compacted (its value is the revision,
 * its version counts the compactions). They differ when something else compacted (etcdctl compact, etcd's
 * --auto-compaction-*).
 */
import type { EtcdConnection } from './connect.js';
import { oldestReadable } from './history-source.js';
import { compactedRevision, readCompactionRecord, type CompactionRecord } from './live-history.js';

export interface CompactionInfo {
  readonly current: number;
  readonly compacted: number;
  /** The oldest revision reads can ask for. */
  readonly oldest: number;
  readonly record: CompactionRecord | undefined;
}

export async function readCompactionInfo(connection: EtcdConnection, signal?: AbortSignal): Promise<CompactionInfo> {
  const { current, record } = await readCompactionRecord(connection, signal);
  const compacted = await compactedRevision(connection, current, signal);
  return { current, compacted, oldest: oldestReadable({ current, compacted }), record };
}
