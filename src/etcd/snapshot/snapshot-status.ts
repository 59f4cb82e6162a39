/**
 * `etcdctl snapshot status` (etcd 3.4, clientv3/snapshot Status) computed here, number for number:
 * - the file must pass bbolt's consistency check first;
 * - hash: CRC-32C over, for each top-level bucket in name order, its name, then each of its keys and values in key
 *   order (a nested bucket contributes its key only: bbolt hands it over with a nil value);
 * - totalKey: the entries of all top-level buckets, nested-bucket entries included;
 * - revision: the main revision of the last key of the `key` bucket (0 when it has none);
 * - totalSize: bbolt's tx.Size(), the pages in use times the page size (not the file's length).
 */
import { isBucketEntry } from './bbolt-bucket.js';
import { checkIntegrity } from './bbolt-check.js';
import type { BoltDb } from './bbolt-db.js';
import { Crc32c } from './crc32c.js';
import { BoltFormatError, BoltIntegrityError } from './errors.js';

export interface SnapshotStatus {
  readonly hash: number;
  readonly revision: number;
  readonly totalKey: number;
  readonly totalSize: number;
}

export function snapshotStatus(db: BoltDb): SnapshotStatus {
  const problems = checkIntegrity(db);
  if (problems.length > 0) throw new BoltIntegrityError(db.path, problems);
  const crc = new Crc32c();
  let totalKey = 0;
  let revision = 0;
  const root = db.root();
  for (const top of root.entries()) {
    if (!isBucketEntry(top)) {
      throw new BoltFormatError(db.path, `the top-level key ${JSON.stringify(top.key.toString('latin1'))} is not a bucket, so etcd cannot hash it`, {
        pageId: top.page.origin.pageId,
      });
    }
    crc.update(top.key);
    const isKeyBucket = top.key.equals(KEY_BUCKET);
    for (const entry of root.openNested(top).entries()) {
      crc.update(entry.key);
      if (!isBucketEntry(entry)) crc.update(entry.value);
      if (isKeyBucket) revision = mainRevision(entry.key);
      totalKey++;
    }
  }
  return { hash: crc.value, revision, totalKey, totalSize: db.size };
}

const KEY_BUCKET = Buffer.from('key');

/** The first 8 bytes as a big-endian int64, as etcd's bytesToRev reads them, whatever follows. */
function mainRevision(key: Buffer): number {
  return key.length >= 8 ? Number(key.readBigInt64BE(0)) : 0;
}
