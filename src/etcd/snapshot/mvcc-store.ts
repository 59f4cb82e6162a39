/**
 * etcd's multi-version store read straight from its bbolt file. The `key` bucket maps revision keys to
 * mvccpb.KeyValue, in revision order; there is no index by user key on disk (etcd rebuilds it in memory), so a read
 * at revision R walks the entries up to R, remembers the newest revision of each matching key (a tombstone means
 * "absent") and where its value lies in the file, then reads the winners' values again straight from there, a few
 * MB of values at a time: each batch is read in file order and handed out in key order. Memory grows with the
 * number of matching keys, not with the size of their values.
 */
import { isBucketEntry, type Bucket } from './bbolt-bucket.js';
import { BoltDb, type OpenOptions } from './bbolt-db.js';
import type { Cursor } from './bbolt-cursor.js';
import type { LeafEntry } from './bbolt-page.js';
import { EtcdLayoutError, RevisionUnavailableError } from './errors.js';
import { readEtcdMeta } from './etcd-meta.js';
import { decodeStoredKeyValue, storedKeyInPrefix, storedKeyOf, type StoredKeyValue } from './mvcc-key-value.js';
import { parseRevisionKey, REVISION_KEY_BYTES, revisionKey, type Revision } from './revision.js';
import type { KeyValue } from '../etcdctl-json.js';
import type { RangeRequest } from '../key-value-source.js';

export interface StoreRevisions {
  /** The revision a read defaults to, as etcd restores it: the newest in the `key` bucket, at least `compacted`. */
  readonly current: number;
  /** Reads below this revision fail, as in etcd; 0 when the store was never compacted. */
  readonly compacted: number;
}

export interface SnapshotRangeRequest extends RangeRequest {
  /** At most this many keys (etcd's `--limit`); `more` tells whether there were others. */
  readonly limit?: number;
}

export interface SnapshotRange<Kvs = KeyValue[]> {
  /** The store's current revision (etcd's response header revision). */
  readonly revision: number;
  /** Keys in the range at the revision read, before the limit. */
  readonly count: number;
  readonly more: boolean;
  readonly kvs: Kvs;
}

export interface KeyHistoryEntry {
  readonly revision: number;
  /** Position of the change inside its transaction. */
  readonly sub: number;
  readonly deleted: boolean;
  /** As stored; a deletion carries the key and, as in a watch's DELETE event, modRevision = the deletion's revision. */
  readonly kv: KeyValue;
}

/** Bytes of a value read to find the user key at its start; Kubernetes keys are far shorter. */
const KEY_PREFIX_BYTES = 1024;

/** Values fetched per batch (at least one key's): at most this many bytes, and this many values (small ones). */
const FETCH_BATCH_BYTES = 4 * 1024 * 1024;
const FETCH_BATCH_VALUES = 2048;

interface Winner {
  readonly key: string;
  readonly main: number;
  readonly sub: number;
  readonly tombstone: boolean;
  readonly valueSize: number;
  /** Where the value lies in the file; undefined (found again through the tree) when the bucket is inline. */
  readonly valueOffset: number | undefined;
}

/** File order where known, else revision order (which is close to it). */
function byFileOrder(a: Winner, b: Winner): number {
  if (a.valueOffset !== undefined && b.valueOffset !== undefined) return a.valueOffset - b.valueOffset;
  return a.main - b.main || a.sub - b.sub;
}

/** Keys as Map keys and sort keys: latin1 maps each byte to one UTF-16 unit, so string order is byte order. */
function keyString(key: Buffer): string {
  return key.toString('latin1');
}

/** Whether the key's bytes are the latin1 text `key` (keyString's), without making a string of them. */
function sameKey(bytes: Buffer, key: string): boolean {
  if (bytes.length !== key.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== key.charCodeAt(i)) return false;
  return true;
}

function inRange(key: Buffer, request: RangeRequest): boolean {
  const start = Buffer.compare(key, request.key);
  const end = request.rangeEnd;
  if (end === undefined) return start === 0;
  if (start < 0) return false;
  // A range end of one zero byte means "to the end of the keyspace".
  return (end.length === 1 && end[0] === 0) || Buffer.compare(key, end) < 0;
}

export class MvccStore {
  private readonly keys: Bucket;

  private constructor(readonly db: BoltDb) {
    const keys = db.bucket('key');
    if (!keys) {
      const names = [...db.root().entries()].map((e) => JSON.stringify(e.key.toString('latin1'))).join(', ');
      throw new EtcdLayoutError(db.path, `no "key" bucket, so not an etcd v3 store (top-level buckets: ${names || 'none'})`);
    }
    this.keys = keys;
  }

  static open(path: string, options: OpenOptions = {}): MvccStore {
    return MvccStore.over(BoltDb.open(path, options));
  }

  /** A store over an open database; closing the store closes the database. */
  static over(db: BoltDb): MvccStore {
    try {
      return new MvccStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  revisions(): StoreRevisions {
    const meta = readEtcdMeta(this.db);
    // etcd resumes a compaction that was scheduled but not finished, so its revision is the compacted one.
    const compacted = Math.max(meta.finishedCompactRevision?.main ?? 0, meta.scheduledCompactRevision?.main ?? 0);
    const last = this.keys.cursor().last();
    const newest = last ? this.revisionOf(last).main : 1;
    return { current: Math.max(newest, compacted), compacted };
  }

  /** The keys in the range at a revision (the current one by default), exactly as `etcdctl get` returns them. */
  range(request: SnapshotRangeRequest): SnapshotRange {
    const result = this.rangeLazily(request);
    return { ...result, kvs: [...result.kvs] };
  }

  /** As range, with the values read from the file only as the iterable is consumed. */
  rangeLazily(request: SnapshotRangeRequest): SnapshotRange<Iterable<KeyValue>> {
    const { current, compacted } = this.revisions();
    const at = request.revision && request.revision > 0 ? request.revision : current;
    if (at < compacted) throw new RevisionUnavailableError(at, 'compacted', compacted);
    if (at > current) throw new RevisionUnavailableError(at, 'future', current);

    const newest = new Map<string, Winner>();
    // The cursor directly rather than entries(): this loop runs once per revision in the file, before any output.
    const cursor = this.keys.cursor();
    for (let entry = cursor.first(); entry; entry = cursor.next()) {
      const revision = this.revisionOf(entry);
      if (revision.main > at) break;
      const key = this.userKey(entry, revision);
      if (!inRange(key, request)) continue;
      const text = keyString(key);
      newest.set(text, { key: text, main: revision.main, sub: revision.sub, tombstone: revision.tombstone, valueSize: entry.valueSize, valueOffset: entry.valueFileOffset });
    }
    const present = [...newest.values()].filter((w) => !w.tombstone).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const limit = request.limit && request.limit > 0 ? request.limit : present.length;
    const chosen = present.slice(0, limit);
    return {
      revision: current,
      count: present.length,
      more: present.length > chosen.length,
      kvs: { [Symbol.iterator]: () => this.fetch(chosen, request.keysOnly === true) },
    };
  }

  /** The winners' KeyValues in the winners' order, fetched batch by batch in file order. */
  private *fetch(winners: readonly Winner[], keysOnly: boolean): Generator<KeyValue> {
    const cursor = this.keys.cursor();
    for (let start = 0; start < winners.length; ) {
      let end = start + 1;
      for (let bytes = winners[start]?.valueSize ?? 0; end < winners.length && end - start < FETCH_BATCH_VALUES; end++) {
        bytes += winners[end]?.valueSize ?? 0;
        if (bytes > FETCH_BATCH_BYTES) break;
      }
      const batch = winners.slice(start, end);
      const fetched = new Map<Winner, KeyValue>();
      for (const winner of [...batch].sort(byFileOrder)) {
        const kv = this.fetchOne(winner, cursor);
        fetched.set(winner, keysOnly ? { ...kv, value: Buffer.alloc(0) } : kv);
      }
      for (const winner of batch) yield fetched.get(winner) as KeyValue;
      start = end;
    }
  }

  /** A winner's KeyValue, read again where the walk found it; it must still be the revision the walk saw. */
  private fetchOne(winner: Winner, cursor: Cursor): KeyValue {
    const revision = { main: winner.main, sub: winner.sub, tombstone: false };
    const vanished = (): never => {
      throw new EtcdLayoutError(this.db.path, `revision ${winner.main}_${winner.sub} changed between two reads of the file (is a running etcd writing it?)`);
    };
    if (winner.valueOffset === undefined) {
      const wanted = revisionKey(winner.main, winner.sub);
      const entry = cursor.seek(wanted);
      if (!entry || !entry.key.equals(wanted)) return vanished();
      return this.keyValue(entry, revision);
    }
    // A buffer of its own: the KeyValue's key and value can be views of it.
    const bytes = this.db.readAt(winner.valueOffset, winner.valueSize);
    const kv = this.keyValueOf(bytes, revision, true, (error) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EtcdLayoutError(this.db.path, `the value of revision ${winner.main}_${winner.sub} (at byte ${winner.valueOffset}) is not an mvccpb.KeyValue: ${reason}`);
    });
    return kv.modRevision === winner.main && sameKey(kv.key, winner.key) ? kv : vanished();
  }

  /** Every revision the file still holds for the keys in `request` (down to the compaction), by key then revision. */
  history(request: RangeRequest): KeyHistoryEntry[] {
    const found: { key: string; entry: KeyHistoryEntry }[] = [];
    for (const { revision, entry } of this.entries()) {
      const key = this.userKey(entry, revision);
      if (!inRange(key, request)) continue;
      const kv: KeyValue = revision.tombstone
        ? { key: Buffer.from(key), value: Buffer.alloc(0), createRevision: 0, modRevision: revision.main, version: 0, lease: 0 }
        : this.keyValue(entry, revision);
      found.push({ key: keyString(key), entry: { revision: revision.main, sub: revision.sub, deleted: revision.tombstone, kv } });
    }
    // Stable: entries of one key stay in revision order.
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((f) => f.entry);
  }

  private *entries(): Generator<{ revision: Revision; entry: LeafEntry }> {
    const cursor = this.keys.cursor();
    for (let entry = cursor.first(); entry; entry = cursor.next()) {
      yield { revision: this.revisionOf(entry), entry };
    }
  }

  private revisionOf(entry: LeafEntry): Revision {
    const revision = isBucketEntry(entry) ? undefined : parseRevisionKey(entry.key);
    if (!revision) {
      entry.page.fail(
        `the "key" bucket holds ${isBucketEntry(entry) ? 'a nested bucket' : 'a key'} 0x${entry.key.toString('hex')} that is not a revision (${REVISION_KEY_BYTES} bytes: main, "_", sub; "t" after a deletion)`,
      );
    }
    return revision;
  }

  private userKey(entry: LeafEntry, revision: Revision): Buffer {
    try {
      // Most keys sit in the value's first bytes: a value spanning pages need not be read for them.
      return storedKeyInPrefix(entry.valuePrefix(KEY_PREFIX_BYTES)) ?? storedKeyOf(entry.value);
    } catch (error) {
      return this.badValue(entry, revision, error);
    }
  }

  private keyValue(entry: LeafEntry, revision: Revision): KeyValue {
    return this.keyValueOf(entry.value, revision, false, (reason) => this.badValue(entry, revision, reason));
  }

  private keyValueOf(value: Buffer, revision: Revision, inPlace: boolean, bad: (reason: unknown) => never): KeyValue {
    let stored: StoredKeyValue;
    try {
      stored = decodeStoredKeyValue(value, inPlace);
    } catch (error) {
      return bad(error);
    }
    const number = (field: number | bigint, name: string): number => {
      if (typeof field === 'number') return field;
      throw new EtcdLayoutError(this.db.path, `revision ${revision.main}_${revision.sub}: ${name} ${field} is beyond 2^53`);
    };
    return {
      key: stored.key,
      value: stored.value,
      createRevision: number(stored.createRevision, 'create_revision'),
      modRevision: number(stored.modRevision, 'mod_revision'),
      version: number(stored.version, 'version'),
      lease: stored.lease,
    };
  }

  private badValue(entry: LeafEntry, revision: Revision, error: unknown): never {
    const reason = error instanceof Error ? error.message : String(error);
    return entry.page.fail(`the value of revision ${revision.main}_${revision.sub} is not an mvccpb.KeyValue: ${reason}`, 'bucket "key"');
  }
}
