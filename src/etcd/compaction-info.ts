/**
 * How far back etcd's history reaches: the current revision, the revision etcd compacted at (below it every read
 * fails), and what kube-apiserver recorded in compact_rev_key when it last compacted (its value is the revision,
 * its version counts the compactions). They differ when something else compacted (etcdctl compact, etcd's
 * --auto-compaction-*). Read from any KeyHistorySource: live etcd, or a snapshot.
 */
import { oldestReadable, type KeyHistorySource } from './history-source.js';
import { COMPACT_REV_KEY, readKeyAt, type CompactionRecord } from './live-history.js';

export interface CompactionInfo {
  readonly current: number;
  readonly compacted: number;
  /** The oldest revision reads can ask for. */
  readonly oldest: number;
  readonly record: CompactionRecord | undefined;
}

export async function readCompactionInfo(source: KeyHistorySource, signal?: AbortSignal): Promise<CompactionInfo> {
  const bounds = await source.revisions(signal);
  const kv = await readKeyAt(source, Buffer.from(COMPACT_REV_KEY), bounds.current, signal);
  const revision = Number(kv?.value.toString('utf8'));
  return {
    ...bounds,
    oldest: oldestReadable(bounds),
    record: kv !== undefined && Number.isInteger(revision) ? { revision, compactions: kv.version } : undefined,
  };
}
