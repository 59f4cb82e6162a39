/**
 * What `history`, `diff` and `compaction` read, beyond the keys at one revision: how far back etcd's history
 * reaches, and every version of one key it still holds. A live etcd answers through etcdctl (live-history.ts);
 * an offline snapshot answers from its `key` bucket, which holds exactly these versions in revision order.
 */
import type { KeyValueSource } from './key-value-source.js';
import type { KeyChange } from './watch-json.js';

export interface RevisionBounds {
  /** The newest revision. */
  readonly current: number;
  /** Reads below this revision fail; 0 when etcd never compacted. Reads at it still work. */
  readonly compacted: number;
}

export interface KeyHistorySource extends KeyValueSource {
  revisions(signal?: AbortSignal): Promise<RevisionBounds>;
  /**
   * Every version of `key` etcd holds, oldest first: the value it had at the compacted revision (if it existed
   * then; its revision is the one that wrote it, at or below the boundary), then each change after the boundary up
   * to `bounds.current`, deletions included.
   */
  keyHistory(key: Buffer, bounds: RevisionBounds, signal?: AbortSignal): Promise<readonly KeyChange[]>;
}

/** The oldest revision a read can ask for. */
export function oldestReadable(bounds: RevisionBounds): number {
  return Math.max(1, bounds.compacted);
}
