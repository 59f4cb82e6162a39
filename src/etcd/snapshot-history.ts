/**
 * History from a snapshot file or a member's `member/snap/db`: its `key` bucket holds every version etcd kept, in
 * revision order, so a key's history is one walk of the file. The changes come out as a live etcd's watch replays
 * them (live-history.ts): the value at the compacted revision first, then each change after it, deletions carrying
 * only the key and the deleting revision.
 */
import type { KeyHistorySource, RevisionBounds } from './history-source.js';
import { openSnapshotSource, type SnapshotSource } from './snapshot-source.js';
import { MvccStore, type KeyHistoryEntry } from './snapshot/mvcc-store.js';
import { changeKind, type KeyChange } from './watch-json.js';

function toChange(entry: KeyHistoryEntry): KeyChange {
  return { kind: changeKind(entry.deleted, entry.kv), revision: entry.revision, kv: entry.kv };
}

/** The versions of one key up to `bounds.current`, oldest first, as KeyHistorySource.keyHistory lists them. */
export function changesWithin(entries: readonly KeyHistoryEntry[], bounds: RevisionBounds): KeyChange[] {
  const held = entries.filter((e) => e.revision <= bounds.current);
  // What a read at the compacted revision finds: the newest version at or below it, unless that is a deletion.
  const boundary = bounds.compacted > 0 ? held.filter((e) => e.revision <= bounds.compacted).at(-1) : undefined;
  const after = held.filter((e) => e.revision > bounds.compacted);
  return [...(boundary && !boundary.deleted ? [boundary] : []), ...after].map(toChange);
}

export function openSnapshotHistorySource(path: string): SnapshotSource & KeyHistorySource {
  // Opened first: it says clearly why a file cannot be read.
  const source = openSnapshotSource(path);
  let store: MvccStore | undefined;
  const opened = () => (store ??= MvccStore.open(path));
  return {
    ...source,
    revisions: async () => opened().revisions(),
    keyHistory: async (key, bounds, signal) => {
      signal?.throwIfAborted();
      return changesWithin(opened().history({ key }), bounds);
    },
    close: async () => {
      store?.close();
      await source.close();
    },
  };
}
