/**
 * The bbolt layer against files the real bbolt wrote (bbolt-fixtures/main.go, bbolt 1.3.6 as in Debian's etcd 3.4),
 * compared with what bbolt itself read back from them: nested, inline and empty buckets, sequences, binary keys,
 * values spanning pages, a persisted freelist, 16 KiB pages, cursor seeks, last and backward walks.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isBucketEntry, type Bucket } from '../../../src/etcd/snapshot/bbolt-bucket.js';
import { checkIntegrity } from '../../../src/etcd/snapshot/bbolt-check.js';
import { BoltDb, type OpenOptions } from '../../../src/etcd/snapshot/bbolt-db.js';
import { snapshotStatus } from '../../../src/etcd/snapshot/snapshot-status.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'bbolt-fixtures');

interface ExpectedEntry {
  key: string;
  value?: string;
  bucket?: ExpectedBucket;
}

interface ExpectedBucket {
  sequence: number;
  inline: boolean;
  entries: ExpectedEntry[];
}

interface Expected {
  pageSize: number;
  txid: number;
  size: number;
  freePages: number;
  checkProblems: string[];
  root: ExpectedEntry[];
  seeks: { bucket: string[]; probe: string; found: string | null }[];
  lastKeys: string[][];
  reverseCounts: number[];
}

function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8')) as Expected;
}

/** The bucket as the Go side dumps it, read through the reader's own API. */
function dump(bucket: Bucket): ExpectedBucket {
  return {
    sequence: Number(bucket.sequence),
    inline: bucket.rootPageId === 0,
    entries: [...bucket.entries()].map((entry) =>
      isBucketEntry(entry) ? { key: entry.key.toString('hex'), bucket: dump(bucket.openNested(entry)) } : { key: entry.key.toString('hex'), value: entry.value.toString('hex') },
    ),
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'kubectl-etcd-bbolt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(['nested.db', 'pagesize16k.db'])('%s written by bbolt', (name) => {
  const path = join(fixtures, name);
  const expected = expectedOf(name);

  // The cache must not change answers: default, none at all, and one block of one page.
  const caches: [string, OpenOptions][] = [
    ['the default cache', {}],
    ['no cache', { cacheBytes: 0 }],
    ['a one-page cache', { blockBytes: expected.pageSize, cacheBytes: expected.pageSize }],
  ];

  it.each(caches)('reads every bucket, key, value and sequence as bbolt does, with %s', (_, options) => {
    const db = BoltDb.open(path, options);
    try {
      expect({ pageSize: db.pageSize, txid: Number(db.meta.txid), size: db.size }).toEqual({ pageSize: expected.pageSize, txid: expected.txid, size: expected.size });
      const root = db.root();
      const entries = [...root.entries()].map((entry) => ({ key: entry.key.toString('hex'), bucket: dump(root.openNested(entry)) }));
      expect(entries).toEqual(expected.root);
    } finally {
      db.close();
    }
  });

  it('lists the free pages and finds the file consistent, as bbolt does', () => {
    const db = BoltDb.open(path);
    try {
      expect(db.freePageIds().length).toBe(expected.freePages);
      expect(checkIntegrity(db)).toEqual(expected.checkProblems);
      expect(db.metaProblems).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('answers Seek, Last and a backward walk as bbolt cursors do', () => {
    const db = BoltDb.open(path);
    try {
      const buckets = [...new Set(expected.seeks.map((s) => JSON.stringify(s.bucket)))].map((b) => JSON.parse(b) as string[]);
      for (const seek of expected.seeks) {
        const found = db.bucket(...seek.bucket)?.cursor().seek(Buffer.from(seek.probe, 'hex'));
        expect(found?.key.toString('hex') ?? null, `seek ${seek.probe} in ${seek.bucket.join('/')}`).toBe(seek.found);
      }
      buckets.forEach((path, i) => {
        const cursor = db.bucket(...path)?.cursor();
        expect(cursor?.last()?.key.toString('hex'), path.join('/')).toBe(expected.lastKeys[i]?.[0]);
        let count = 0;
        for (let entry = cursor?.last(); entry; entry = cursor?.prev()) count++;
        expect(count, path.join('/')).toBe(expected.reverseCounts[i]);
      });
    } finally {
      db.close();
    }
  });

  it('moves back and forth across leaf pages, returning to the same keys', () => {
    const db = BoltDb.open(path, { cacheBytes: 0 });
    try {
      const top = expected.root.reduce((a, b) => ((b.bucket?.entries.length ?? 0) > (a.bucket?.entries.length ?? 0) ? b : a));
      const keys = top.bucket?.entries.map((e) => e.key) ?? [];
      const cursor = db.bucket(Buffer.from(top.key, 'hex'))?.cursor();
      const middle = Math.floor(keys.length / 2);
      const seen = [cursor?.seek(Buffer.from(keys[middle] ?? '', 'hex'))?.key.toString('hex')];
      for (let i = 0; i < 150; i++) seen.push(cursor?.prev()?.key.toString('hex'));
      for (let i = 0; i < 300; i++) seen.push(cursor?.next()?.key.toString('hex'));
      const along = (from: number, to: number) => {
        const step = from < to ? 1 : -1;
        return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => keys[from + i * step]);
      };
      expect(seen).toEqual([...along(middle, middle - 150), ...along(middle - 149, middle + 150)]);
    } finally {
      db.close();
    }
  });

  it('computes snapshot status equal to etcdctl snapshot status -w json (nested buckets hash by key only)', async () => {
    const { stdout } = await promisify(execFile)('etcdctl', ['snapshot', 'status', '-w', 'json', path], { env: { PATH: process.env.PATH, ETCDCTL_API: '3' } });
    const db = BoltDb.open(path);
    try {
      expect(snapshotStatus(db)).toEqual(JSON.parse(stdout));
    } finally {
      db.close();
    }
  });

  it('gets single values and nested buckets by name', () => {
    const db = BoltDb.open(path);
    try {
      const first = expected.root.find((b) => b.bucket?.entries.some((e) => e.value !== undefined));
      const firstValue = first?.bucket?.entries.find((e) => e.value !== undefined);
      if (!first || !firstValue) throw new Error('the fixture has no value in its first bucket');
      const bucket = db.bucket(Buffer.from(first.key, 'hex'));
      expect(bucket?.get(Buffer.from(firstValue.key, 'hex'))?.toString('hex')).toBe(firstValue.value);
      expect(bucket?.get(Buffer.from('no such key'))).toBeUndefined();
      expect(db.bucket('no such bucket')).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

describe('meta page choice', () => {
  it('falls back to the older meta page when the newer one is damaged, as bbolt does', () => {
    const expected = expectedOf('nested.db');
    const copy = join(scratch, 'newer-meta-damaged.db');
    copyFileSync(join(fixtures, 'nested.db'), copy);
    // The newest transaction wrote meta page txid % 2.
    const newest = expected.txid % 2;
    const bytes = readFileSync(copy);
    const rootPgid = newest * expected.pageSize + 16 + 20; // inside the root pgid, covered by the checksum
    bytes.writeUInt8(bytes.readUInt8(rootPgid) ^ 0xff, rootPgid);
    writeFileSync(copy, bytes);
    const db = BoltDb.open(copy);
    try {
      expect(Number(db.meta.txid)).toBe(expected.txid - 1);
      expect(db.metaProblems).toEqual([expect.stringMatching(new RegExp(`^meta page ${newest}: meta checksum mismatch`))]);
      // The transaction before the last one had not deleted every fourth key of "flat" yet.
      expect([...(db.bucket('flat')?.entries() ?? [])].length).toBe(600 + 3);
    } finally {
      db.close();
    }
  });

  it('finds meta page 1 of a 16 KiB-page file when meta page 0 is unreadable', () => {
    const expected = expectedOf('pagesize16k.db');
    expect(expected.txid % 2).toBe(1);
    const copy = join(scratch, 'meta0-damaged.db');
    copyFileSync(join(fixtures, 'pagesize16k.db'), copy);
    const bytes = readFileSync(copy);
    bytes.fill(0, 0, 512);
    writeFileSync(copy, bytes);
    const db = BoltDb.open(copy);
    try {
      expect(db.pageSize).toBe(16384);
      expect(db.meta.pageId).toBe(1);
      expect(db.metaProblems).toEqual([expect.stringMatching(/^meta page 0: no bbolt magic/)]);
      expect([...(db.bucket('sixteen')?.entries() ?? [])].length).toBe(expected.reverseCounts[0]);
    } finally {
      db.close();
    }
  });
});
