/**
 * Damaged, truncated and foreign files: every one gives a clear error naming what is wrong and where (page id,
 * offset), never a crash or an endless walk. Real files are damaged on purpose: the bbolt fixtures and a snapshot
 * saved by a throwaway etcd. Where etcdctl can judge the same file, its verdict is compared.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/cli/exit-codes.js';
import { checkIntegrity } from '../../../src/etcd/snapshot/bbolt-check.js';
import { BoltDb } from '../../../src/etcd/snapshot/bbolt-db.js';
import type { Page } from '../../../src/etcd/snapshot/bbolt-page.js';
import { BoltFormatError, BoltIntegrityError, EtcdLayoutError } from '../../../src/etcd/snapshot/errors.js';
import { MvccStore } from '../../../src/etcd/snapshot/mvcc-store.js';
import { snapshotStatus } from '../../../src/etcd/snapshot/snapshot-status.js';
import { startThrowawayEtcd } from './throwaway-etcd.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'bbolt-fixtures');
const nestedDb = join(fixtures, 'nested.db');
const scratch = mkdtempSync(join(tmpdir(), 'kubectl-etcd-damaged-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of `source` with `edit` applied to its bytes. */
function damaged(source: string, edit: (bytes: Buffer) => void): string {
  const path = join(scratch, `copy-${copies++}.db`);
  const bytes = readFileSync(source);
  edit(bytes);
  writeFileSync(path, bytes);
  return path;
}

/** Reads everything the reader can read: every bucket, nested ones included, and the consistency check. */
function readAll(path: string): void {
  const db = BoltDb.open(path);
  try {
    const walk = (bucket: ReturnType<BoltDb['root']>): void => {
      for (const entry of bucket.entries()) if (entry.flags & 1) walk(bucket.openNested(entry));
    };
    walk(db.root());
  } finally {
    db.close();
  }
}

/** What the reader throws for `path`, or undefined when it reads the file without complaint. */
function errorOf(action: () => void): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Where things sit in the healthy nested.db, found through the reader. */
function layout(path: string) {
  const db = BoltDb.open(path);
  try {
    const pageSize = db.pageSize;
    const flat = db.bucket('flat');
    const root = flat?.rootPage();
    if (!root?.isBranch) throw new Error('the fixture\'s "flat" bucket should have a branch root');
    const offsetOf = (page: Page) => (page.origin.pageId ?? 0) * pageSize;
    /** The file offset of a view into a page's bytes. */
    const at = (page: Page, view: Buffer) => offsetOf(page) + (view.byteOffset - page.bytes.byteOffset);
    const outer = db.bucket('outer');
    const outerRoot = outer?.rootPage();
    const inner = outer?.cursor().seek(Buffer.from('inner'));
    const tiny = outer?.cursor().seek(Buffer.from('tiny'));
    if (!outerRoot || !inner || !tiny) throw new Error('the fixture should have outer/inner and outer/tiny');
    const leafId = root.branchChild(0);
    const leaf = db.page(leafId);
    return {
      pageSize,
      highWaterMark: db.meta.highWaterMark,
      flatRootId: root.origin.pageId ?? 0,
      /** File offset of branch element i of the flat bucket's root (16 bytes: pos, ksize, child pgid). */
      flatElement: (i: number) => offsetOf(root) + 16 + i * 16,
      firstLeafId: leafId,
      firstLeafOffset: offsetOf(leaf),
      outerRootId: outerRoot.origin.pageId ?? 0,
      /** File offset of the value of outer's "inner" entry (its bucket header: root pgid, sequence). */
      innerValueOffset: at(inner.page, inner.value),
      /** File offset of the leaf element of outer's "tiny" entry (flags, pos, ksize, vsize). */
      tinyElementOffset: offsetOf(tiny.page) + 16 + [...(outer?.entries() ?? [])].findIndex((e) => e.key.equals(Buffer.from('tiny'))) * 16,
    };
  } finally {
    db.close();
  }
}

describe('files that are not bbolt databases', () => {
  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['a text file', Buffer.from('apiVersion: v1\nkind: Pod\n'.repeat(400))],
    ['random bytes', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 251))],
    ['zeros', Buffer.alloc(16384)],
  ])('%s: not a bbolt database, at page 0', (_, bytes) => {
    const path = join(scratch, `foreign-${copies++}.db`);
    writeFileSync(path, bytes);
    const error = errorOf(() => readAll(path));
    expect(error).toBeInstanceOf(BoltFormatError);
    expect((error as Error).message).toMatch(/not a bbolt database: (no bbolt magic|the file ends at byte 0)/);
    expect((error as BoltFormatError).location).toMatchObject({ pageId: 0, offset: 0 });
  });

  it('both meta pages damaged: not a bbolt database', () => {
    const { pageSize } = layout(nestedDb);
    const path = damaged(nestedDb, (bytes) => {
      bytes.writeUInt32LE(0x12345678, 16 + 8 * 4); // meta 0: inside the checksummed fields
      bytes.writeUInt32LE(0x12345678, pageSize + 16 + 8 * 4);
    });
    expect(() => readAll(path)).toThrow(/not a bbolt database: meta checksum mismatch/);
  });
});

describe('truncated files', () => {
  it.each([0.5, 0.9])('cut to %s of its pages: truncated, with the bytes it needs', (fraction) => {
    const { pageSize, highWaterMark } = layout(nestedDb);
    const path = damaged(nestedDb, () => undefined);
    writeFileSync(path, readFileSync(nestedDb).subarray(0, Math.floor(highWaterMark * fraction) * pageSize));
    expect(() => readAll(path)).toThrow(new RegExp(`the file is truncated: its ${highWaterMark} pages of ${pageSize} bytes need ${highWaterMark * pageSize} bytes`));
  });

  it('cut inside the second meta page: truncated', () => {
    const path = join(scratch, `short-${copies++}.db`);
    writeFileSync(path, readFileSync(nestedDb).subarray(0, 1000));
    expect(() => readAll(path)).toThrow(/truncated/);
  });
});

describe('damaged pages in a bbolt file', () => {
  const healthy = layout(nestedDb);

  it.each([
    [
      'a branch child beyond the pages in use',
      (b: Buffer) => b.writeBigUInt64LE(BigInt(healthy.highWaterMark + 5), healthy.flatElement(0) + 8),
      new RegExp(`page ${healthy.highWaterMark + 5} lies beyond the last page in use`),
      healthy.highWaterMark + 5,
    ],
    [
      'a branch page that is its own child',
      (b: Buffer) => b.writeBigUInt64LE(BigInt(healthy.flatRootId), healthy.flatElement(0) + 8),
      /is its own ancestor: the tree has a cycle/,
      healthy.flatRootId,
    ],
    [
      'two branch elements pointing at one leaf',
      (b: Buffer) => b.writeBigUInt64LE(BigInt(healthy.firstLeafId), healthy.flatElement(1) + 8),
      /reaches this leaf a second time/,
      healthy.firstLeafId,
    ],
    [
      'a page whose header names another page',
      (b: Buffer) => b.writeBigUInt64LE(9999n, healthy.firstLeafOffset),
      /the page header carries id 9999/,
      healthy.firstLeafId,
    ],
    [
      'an overflow count beyond the file',
      (b: Buffer) => b.writeUInt32LE(0xffffffff, healthy.firstLeafOffset + 12),
      /the page spans 4294967296 pages, past the last page in use/,
      healthy.firstLeafId,
    ],
    [
      'a key size beyond the page',
      (b: Buffer) => b.writeUInt32LE(0xffffff, healthy.firstLeafOffset + 16 + 8),
      /key of 16777215 bytes at page byte \d+ runs past the page end/,
      healthy.firstLeafId,
    ],
    [
      'a freelist page where a leaf belongs',
      (b: Buffer) => b.writeUInt16LE(0x10, healthy.firstLeafOffset + 8),
      /a freelist page where a branch or leaf page belongs/,
      healthy.firstLeafId,
    ],
    [
      'an element count beyond the page',
      (b: Buffer) => b.writeUInt16LE(0xffff, healthy.firstLeafOffset + 10),
      /65535 elements need 1048576 bytes, the page has \d+/,
      healthy.firstLeafId,
    ],
    [
      'a nested bucket whose root is the enclosing bucket\'s root',
      (b: Buffer) => b.writeBigUInt64LE(BigInt(healthy.outerRootId), healthy.innerValueOffset),
      /the buckets form a cycle/,
      healthy.outerRootId,
    ],
    [
      'a bucket value shorter than a bucket header',
      (b: Buffer) => b.writeUInt32LE(8, healthy.tinyElementOffset + 12),
      /a bucket value of 8 bytes, shorter than the 16-byte bucket header/,
      healthy.outerRootId,
    ],
  ])('%s: a BoltFormatError naming the page', (_, edit, message, pageId) => {
    const path = damaged(nestedDb, edit);
    const error = errorOf(() => readAll(path));
    expect(error).toBeInstanceOf(BoltFormatError);
    expect((error as Error).message).toMatch(message);
    expect((error as BoltFormatError).location.pageId).toBe(pageId);
    expect((error as Error).message).toContain(`offset ${pageId * healthy.pageSize}`);
    // The consistency check ends too, with at least one problem.
    const db = BoltDb.open(path);
    try {
      expect(checkIntegrity(db).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('finds the problems bbolt finds, in its words (etcdctl snapshot status, bbolt 1.3.6)', async () => {
    const path = damaged(nestedDb, (b) => b.writeBigUInt64LE(BigInt(healthy.firstLeafId), healthy.flatElement(1) + 8));
    const etcdctl = await promisify(execFile)('etcdctl', ['snapshot', 'status', '-w', 'json', path], { env: { PATH: process.env.PATH, ETCDCTL_API: '3' } }).then(
      () => ({ stderr: '' }),
      (error: { stderr: string }) => error,
    );
    const reported = [...etcdctl.stderr.matchAll(/page \d+: [a-z ]+/g)].map((m) => m[0].trim());
    expect(reported.length).toBeGreaterThan(0);
    const db = BoltDb.open(path);
    try {
      expect(checkIntegrity(db)).toEqual(reported);
      const error = errorOf(() => snapshotStatus(db));
      expect(error).toBeInstanceOf(BoltIntegrityError);
      expect((error as BoltIntegrityError).problems).toEqual(reported);
    } finally {
      db.close();
    }
  });
});

describe('damaged etcd snapshots', () => {
  let snapshot = '';

  beforeAll(async () => {
    const etcd = await startThrowawayEtcd();
    try {
      const put = (i: number) => ({ request_put: { key: Buffer.from(`/k/${String(i).padStart(5, '0')}`).toString('base64'), value: Buffer.from(`value ${i}`).toString('base64') } });
      for (let start = 0; start < 2000; start += 100) await etcd.gateway('/v3/kv/txn', { success: Array.from({ length: 100 }, (_, i) => put(start + i)) });
      snapshot = join(scratch, 'etcd.db');
      await etcd.etcdctl(['snapshot', 'save', snapshot]);
    } finally {
      await etcd.stop();
    }
  }, 120_000);

  it('a value that is not an mvccpb.KeyValue: an error naming the revision and the page', () => {
    const store = MvccStore.open(snapshot);
    const { pageId, offset } = (() => {
      try {
        const entry = store.db.bucket('key')?.cursor().seek(Buffer.alloc(8));
        if (!entry) throw new Error('no revisions in the snapshot');
        const id = entry.page.origin.pageId ?? 0;
        return { pageId: id, offset: id * store.db.pageSize + (entry.value.byteOffset - entry.page.bytes.byteOffset) };
      } finally {
        store.close();
      }
    })();
    const path = damaged(snapshot, (b) => b.fill(0xff, offset, offset + 4));
    const broken = MvccStore.open(path);
    try {
      const error = errorOf(() => broken.range({ key: Buffer.from('/k/'), rangeEnd: Buffer.from('/k0') }));
      expect(error).toBeInstanceOf(BoltFormatError);
      expect((error as Error).message).toMatch(/the value of revision \d+_0 is not an mvccpb.KeyValue/);
      expect((error as BoltFormatError).location.pageId).toBe(pageId);
    } finally {
      broken.close();
    }
  });

  it('a bbolt file without a "key" bucket: not an etcd v3 store, listing what it has', () => {
    expect(() => MvccStore.open(nestedDb)).toThrow(EtcdLayoutError);
    expect(() => MvccStore.open(nestedDb)).toThrow(/no "key" bucket, so not an etcd v3 store \(top-level buckets: "empty-top", "flat", "outer"\)/);
  });

  it('random damage anywhere: every read ends, with an answer or a UserError', () => {
    const original = readFileSync(snapshot);
    const pageSize = 4096;
    const pages = Math.floor(original.length / pageSize);
    const path = join(scratch, 'fuzzed.db');
    let failures = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ page: fc.integer({ min: 0, max: pages - 1 }), at: fc.integer({ min: 0, max: pageSize - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const bytes = Buffer.from(original);
          for (const edit of edits) bytes[edit.page * pageSize + edit.at] = edit.byte;
          writeFileSync(path, bytes);
          const error = errorOf(() => {
            const store = MvccStore.open(path);
            try {
              store.revisions();
              store.range({ key: Buffer.alloc(0), rangeEnd: Buffer.from([0]) });
              store.history({ key: Buffer.from('/k/00042') });
              checkIntegrity(store.db);
              snapshotStatus(store.db);
            } finally {
              store.close();
            }
          });
          if (error !== undefined) {
            failures++;
            expect(error, String(error)).toBeInstanceOf(UserError);
          }
        },
      ),
      { numRuns: 200, seed: 20261121 },
    );
    // Most of the damage lands where it is noticed.
    expect(failures).toBeGreaterThan(30);
  });

  it('the healthy snapshot reads without complaint', () => {
    copyFileSync(snapshot, join(scratch, 'healthy.db'));
    expect(errorOf(() => readAll(join(scratch, 'healthy.db')))).toBeUndefined();
  });
});
