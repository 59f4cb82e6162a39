/**
 * What `stats` shows offline in place of the members' database files: the snapshot file itself, its size on disk
 * and the part in use (known only when bbolt persisted its freelist; etcd usually does not).
 */
import type { MemberSpace } from './member-space.js';
import { BoltDb } from './snapshot/bbolt-db.js';

export function snapshotSpace(path: string): MemberSpace {
  const db = BoltDb.open(path);
  try {
    const free = db.meta.freelistPageId === undefined ? undefined : db.freePageIds().length;
    return { endpoint: path, memberId: '', dbSize: db.fileSize, dbSizeInUse: free === undefined ? undefined : db.size - free * db.pageSize };
  } finally {
    db.close();
  }
}
