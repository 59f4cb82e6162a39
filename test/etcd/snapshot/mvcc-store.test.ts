/**
 * The offline reader against real etcd: a scenario is written into a throwaway etcd, saved with
 * `etcdctl snapshot save`, and every answer of the reader is compared with what etcd itself returns.
 */
import { execFile } from 'node:child_process';
import { copyFile, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/cli/exit-codes.js';
import type { KeyValue } from '../../../src/etcd/etcdctl-json.js';
import { prefixEnd } from '../../../src/etcd/key-value-source.js';
import { BoltDb } from '../../../src/etcd/snapshot/bbolt-db.js';
import { readAuth, readClusterVersion, readLeases, readMembers } from '../../../src/etcd/snapshot/etcd-buckets.js';
import { readEtcdMeta } from '../../../src/etcd/snapshot/etcd-meta.js';
import { RevisionUnavailableError } from '../../../src/etcd/snapshot/errors.js';
import { MvccStore, type SnapshotRangeRequest } from '../../../src/etcd/snapshot/mvcc-store.js';
import { snapshotStatus } from '../../../src/etcd/snapshot/snapshot-status.js';
import { checkSha256Trailer } from '../../../src/etcd/snapshot/snapshot-trailer.js';
import { parseJsonExact } from '../../../src/render/json-parse.js';
import { locateProgram } from '../../cluster/host-tools.js';
import { BIG_VALUE_BYTES, BINARY_KEY, BULK_KEYS, etcdctlGet, gatewayRangeAll, writeScenario, type ScenarioRecord } from './scenario.js';
import { startThrowawayEtcd, type ThrowawayEtcd } from './throwaway-etcd.js';

const ALL: SnapshotRangeRequest = { key: Buffer.alloc(0), rangeEnd: Buffer.from([0]) };

/** KeyValues in a form whose differences read well in a failed assertion. */
function readable(kvs: readonly KeyValue[]) {
  return kvs.map((kv) => ({ ...kv, key: kv.key.toString('latin1'), value: kv.value.toString('base64'), lease: String(kv.lease) }));
}

async function etcdctlStatus(path: string) {
  const { stdout } = await promisify(execFile)('etcdctl', ['snapshot', 'status', '-w', 'json', path], { env: { PATH: process.env.PATH, ETCDCTL_API: '3' } });
  return JSON.parse(stdout) as { hash: number; revision: number; totalKey: number; totalSize: number };
}

describe('offline reader on a snapshot saved by real etcd', () => {
  let etcd: ThrowawayEtcd | undefined;
  let record: ScenarioRecord;
  let snapshotPath: string;
  let store: MvccStore | undefined;

  const live = () => {
    if (!etcd || !store) throw new Error('beforeAll did not finish');
    return { etcd, store };
  };

  beforeAll(async () => {
    etcd = await startThrowawayEtcd();
    record = await writeScenario(etcd);
    snapshotPath = join(etcd.dir, 'saved.db');
    await etcd.etcdctl(['snapshot', 'save', snapshotPath]);
    store = MvccStore.open(snapshotPath);
  }, 180_000);

  afterAll(async () => {
    store?.close();
    await etcd?.stop();
  });

  it('holds the whole scenario: a multi-level key tree, a value spanning pages, a binary key', () => {
    const { store } = live();
    const keys = store.db.bucket('key');
    expect(keys?.rootPageId).toBeGreaterThan(0);
    expect(store.db.page(keys?.rootPageId ?? 0).isBranch).toBe(true);
    const latest = store.range(ALL).kvs;
    expect(latest.find((kv) => kv.key.toString() === '/big/value')?.value.length).toBe(BIG_VALUE_BYTES);
    expect(latest.some((kv) => kv.key.equals(BINARY_KEY))).toBe(true);
    expect(latest.filter((kv) => kv.key.toString().startsWith('/bulk/')).length).toBe(BULK_KEYS - 100);
  });

  it('returns every key, value, revision, version and lease that etcdctl get returns at the latest revision', async () => {
    const { etcd, store } = live();
    const expected = await etcdctlGet(etcd, ['--prefix', '']);
    const actual = store.range(ALL);
    expect(actual.revision).toBe(expected.header.revision);
    expect(actual.count).toBe(expected.count);
    expect(readable(actual.kvs)).toEqual(readable(expected.kvs));
    const leased = actual.kvs.find((kv) => kv.key.toString() === '/app/leased');
    expect(leased?.lease).toBe(BigInt(`0x${record.lease}`));
  });

  it('returns what etcd returns at every revision from the compaction point to the latest', async () => {
    const { etcd, store } = live();
    let compared = 0;
    for (let revision = record.compactedAt; revision <= record.current; revision++) {
      const expected = await gatewayRangeAll(etcd, revision);
      expect(readable(store.range({ ...ALL, revision }).kvs), `revision ${revision}`).toEqual(readable(expected.kvs));
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('matches etcdctl get --rev, prefix, range, from-key, single key, limit and keys-only', async () => {
    const { etcd, store } = live();
    const cases: [string[], SnapshotRangeRequest][] = [
      [['--rev', String(record.compactedAt), '--prefix', ''], { ...ALL, revision: record.compactedAt }],
      [['--rev', String(record.compactedAt + 3), '--prefix', '/bulk/00'], { key: Buffer.from('/bulk/00'), rangeEnd: prefixEnd(Buffer.from('/bulk/00')), revision: record.compactedAt + 3 }],
      [['--prefix', '/app/'], { key: Buffer.from('/app/'), rangeEnd: prefixEnd(Buffer.from('/app/')) }],
      [['/bulk/00100', '/bulk/00200'], { key: Buffer.from('/bulk/00100'), rangeEnd: Buffer.from('/bulk/00200') }],
      [['--from-key', '/txn/'], { key: Buffer.from('/txn/'), rangeEnd: Buffer.from([0]) }],
      [['/app/config'], { key: Buffer.from('/app/config') }],
      [['/app/absent'], { key: Buffer.from('/app/absent') }],
      [['--limit', '7', '--prefix', '/bulk/'], { key: Buffer.from('/bulk/'), rangeEnd: prefixEnd(Buffer.from('/bulk/')), limit: 7 }],
      [['--keys-only', '--prefix', '/app/'], { key: Buffer.from('/app/'), rangeEnd: prefixEnd(Buffer.from('/app/')), keysOnly: true }],
    ];
    for (const [args, request] of cases) {
      const expected = await etcdctlGet(etcd, args);
      const actual = store.range(request);
      expect({ count: actual.count, more: actual.more, kvs: readable(actual.kvs) }, args.join(' ')).toEqual({
        count: expected.count,
        more: expected.more,
        kvs: readable(expected.kvs),
      });
    }
  });

  it('answers the same when the file is read whole, in one read, into shared memory', async () => {
    const { etcd, store } = live();
    const whole = MvccStore.open(snapshotPath, { wholeFileBytes: 1024 * 1024 * 1024 });
    try {
      for (const args of [['--prefix', ''], ['--rev', String(record.compactedAt + 3), '--prefix', '']]) {
        const expected = await etcdctlGet(etcd, args);
        const request = args[0] === '--rev' ? { ...ALL, revision: record.compactedAt + 3 } : ALL;
        const kvs = whole.range(request).kvs;
        expect(readable(kvs), args.join(' ')).toEqual(readable(expected.kvs));
        expect(readable(kvs)).toEqual(readable(store.range(request).kvs));
        // Values read where the walk found them are views of the file (those of buckets inline in their parent are copies).
        const shared = kvs.filter((kv) => kv.value.buffer instanceof SharedArrayBuffer && kv.key.buffer === kv.value.buffer);
        expect(shared.length, args.join(' ')).toBeGreaterThan(kvs.length * 0.9);
      }
      expect(whole.history({ key: Buffer.from('/app/'), rangeEnd: prefixEnd(Buffer.from('/app/')) }).map((entry) => entry.revision))
        .toEqual(store.history({ key: Buffer.from('/app/'), rangeEnd: prefixEnd(Buffer.from('/app/')) }).map((entry) => entry.revision));
      const { size } = await stat(snapshotPath);
      expect(whole.db.readStats).toMatchObject({ preads: 1, bytesRead: size });
    } finally {
      whole.close();
    }
  });

  it('refuses revisions before the compaction and after the snapshot, as etcd does', async () => {
    const { etcd, store } = live();
    await expect(etcd.etcdctl(['get', '--rev', String(record.configV2Revision), '/app/config'])).rejects.toThrow(/required revision has been compacted/);
    expect(() => store.range({ key: Buffer.from('/app/config'), revision: record.configV2Revision })).toThrow(RevisionUnavailableError);
    expect(() => store.range({ key: Buffer.from('/app/config'), revision: record.compactedAt - 1 })).toThrow(/has been compacted/);
    await expect(etcd.etcdctl(['get', '--rev', String(record.current + 1), '/app/config'])).rejects.toThrow(/future revision/);
    expect(() => store.range({ key: Buffer.from('/app/config'), revision: record.current + 1 })).toThrow(/future revision/);
  });

  it('reports the current and compacted revisions etcd reports', async () => {
    const { etcd, store } = live();
    const latest = await gatewayRangeAll(etcd);
    expect(store.revisions()).toEqual({ current: latest.revision, compacted: record.compactedAt });
    expect(readEtcdMeta(store.db)).toMatchObject({
      finishedCompactRevision: { main: record.compactedAt, sub: 0, tombstone: false },
      scheduledCompactRevision: { main: record.compactedAt, sub: 0, tombstone: false },
    });
    expect(Number(readEtcdMeta(store.db).consistentIndex)).toBeGreaterThan(record.current);
  });

  it('gives the history of a key down to the compaction point, deletions included, as etcd saw it', async () => {
    const { etcd, store } = live();
    // What etcd says the keys were at each revision; a deletion is a revision where a present key disappears.
    const states: Map<string, KeyValue>[] = [];
    for (let revision = record.compactedAt; revision <= record.current; revision++) {
      states.push(new Map((await gatewayRangeAll(etcd, revision)).kvs.map((kv) => [kv.key.toString('latin1'), kv])));
    }
    for (const key of ['/app/config', '/app/doomed', '/txn/b', '/bulk/00042', '/bulk/00450', '/big/value']) {
      const expected: { revision: number; deleted: boolean; kv?: KeyValue }[] = [];
      states.forEach((state, i) => {
        const kv = state.get(key);
        const before = states[i - 1]?.get(key);
        if (kv && kv.modRevision !== before?.modRevision) expected.push({ revision: kv.modRevision, deleted: false, kv });
        if (!kv && before) expected.push({ revision: record.compactedAt + i, deleted: true });
      });
      const actual = store.history({ key: Buffer.from(key) });
      expect(
        actual.map((h) => ({ revision: h.revision, deleted: h.deleted, ...(h.deleted ? {} : { kv: readable([h.kv])[0] }) })),
        key,
      ).toEqual(expected.map((e) => ({ revision: e.revision, deleted: e.deleted, ...(e.kv ? { kv: readable([e.kv])[0] } : {}) })));
    }
    // /txn/a, /txn/b, /txn/c were deleted in one transaction before the compaction: their tombstones are gone.
    expect(store.history({ key: Buffer.from('/txn/a') })).toEqual([]);
    // Several tombstones in one revision carry consecutive sub revisions.
    const bulkDeletions = store.history({ key: Buffer.from('/bulk/004'), rangeEnd: prefixEnd(Buffer.from('/bulk/004')) }).filter((h) => h.deleted);
    expect(bulkDeletions.length).toBe(100);
    expect(new Set(bulkDeletions.map((h) => h.revision)).size).toBe(1);
    expect(bulkDeletions.map((h) => h.sub)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('reads members, leases, auth and the cluster version as etcd reports them', async () => {
    const { etcd, store } = live();
    const memberList = parseJsonExact((await etcd.etcdctl(['member', 'list', '-w', 'json'])).stdout.toString()) as {
      members: { ID: bigint | number; name: string; peerURLs: string[]; clientURLs: string[] }[];
    };
    expect(readMembers(store.db)).toEqual(
      memberList.members.map((m) => ({ id: BigInt(m.ID), name: m.name, peerUrls: m.peerURLs, clientUrls: m.clientURLs, isLearner: false })),
    );
    const timeToLive = parseJsonExact((await etcd.etcdctl(['lease', 'timetolive', record.lease, '-w', 'json'])).stdout.toString()) as {
      id: bigint | number;
      'granted-ttl': number;
    };
    expect(readLeases(store.db)).toEqual([{ id: BigInt(timeToLive.id), ttl: timeToLive['granted-ttl'], remainingTtl: 0 }]);
    expect(readAuth(store.db)).toEqual({
      enabled: false,
      revision: expect.any(Number),
      users: [{ name: 'alice', roles: ['reader'], hasPassword: true, noPassword: false }],
      roles: [
        {
          name: 'reader',
          permissions: [
            { type: 'READ', key: Buffer.from('/app/'), rangeEnd: Buffer.from('/app0') },
            { type: 'READWRITE', key: Buffer.from('/txn/a'), rangeEnd: Buffer.alloc(0) },
          ],
        },
      ],
    });
    const { stdout } = await etcd.etcdctl(['role', 'get', 'reader']);
    expect(stdout.toString()).toMatch(/Read:\s+\[\/app\/, \/app0\) \(prefix \/app\/\)/);
    expect(readClusterVersion(store.db)).toMatch(/^3\.4\./);
  });

  it('computes snapshot status equal to etcdctl snapshot status -w json', async () => {
    const { store } = live();
    const expected = await etcdctlStatus(snapshotPath);
    expect(snapshotStatus(store.db)).toEqual(expected);
    // totalSize is the pages in use, not the file: the file has the 32-byte trailer on top.
    expect(store.db.fileSize).toBe(expected.totalSize + 32);
  });

  it('verifies the sha256 trailer of the saved file, and notices a changed byte', async () => {
    const { etcd } = live();
    const good = await checkSha256Trailer(snapshotPath);
    expect(good).toMatchObject({ present: true, valid: true });
    const damaged = join(etcd.dir, 'damaged.db');
    await copyFile(snapshotPath, damaged);
    const handle = await open(damaged, 'r+');
    await handle.write(Buffer.from([0x5a]), 0, 1, 5000);
    await handle.close();
    const bad = await checkSha256Trailer(damaged);
    expect(bad).toMatchObject({ present: true, valid: false });
    expect(bad.present && bad.expected).toBe(good.present && good.expected);
  });

  it("reads the running member's db while etcd holds its lock, and gets what etcd serves", async () => {
    const { etcd } = live();
    const flock = await locateProgram('flock');
    if (flock) {
      // A shared lock, as bbolt's read-only open takes, is refused: etcd holds an exclusive one.
      await expect(promisify(execFile)(flock, ['--nonblock', '--shared', etcd.memberDbPath, 'true'])).rejects.toMatchObject({ code: 1 });
    }
    const member = MvccStore.open(etcd.memberDbPath);
    try {
      const expected = await gatewayRangeAll(etcd);
      const actual = member.range(ALL);
      expect(actual.revision).toBe(expected.revision);
      expect(readable(actual.kvs)).toEqual(readable(expected.kvs));
      expect(member.db.changedSinceOpen()).toBe(false);
    } finally {
      member.close();
    }
    await etcd.etcdctl(['put', '/after/open', 'x']);
    // etcd commits its batch within 100 ms; then the newest meta page names a newer transaction.
    await expect.poll(() => {
      const again = BoltDb.open(etcd.memberDbPath);
      try {
        return again.meta.txid;
      } finally {
        again.close();
      }
    }).toBeGreaterThan(member.db.meta.txid);
    expect(member.db.changedSinceOpen()).toBe(true);
  });

  it("reads the member's db while etcd keeps writing: each read gives an answer or a UserError, never a crash or a hang", async () => {
    const { etcd } = live();
    let writing = true;
    const writer = (async () => {
      const value = Buffer.alloc(20_000, 'w').toString('base64');
      for (let i = 0; writing; i++) {
        await etcd.gateway('/v3/kv/put', { key: Buffer.from(`/churn/${i % 300}`).toString('base64'), value });
      }
    })();
    const outcomes = { answers: 0, userErrors: 0 };
    try {
      for (let round = 0; round < 25; round++) {
        try {
          const member = MvccStore.open(etcd.memberDbPath);
          try {
            member.range(ALL);
            outcomes.answers++;
          } finally {
            member.close();
          }
        } catch (error) {
          // A page the writer reused under the reader: reported as a damaged page, which is what it looks like.
          expect(error, String(error)).toBeInstanceOf(UserError);
          outcomes.userErrors++;
        }
      }
    } finally {
      writing = false;
      await writer;
    }
    expect(outcomes.answers + outcomes.userErrors).toBe(25);
    expect(outcomes.answers).toBeGreaterThan(0);
  });

  it("computes status of the member's own db equal to etcdctl once the member has stopped", async () => {
    const { etcd } = live();
    await etcd.etcdctl(['put', '/last', 'write']);
    const memberDb = join(etcd.dir, 'member-copy.db');
    await etcd.halt();
    await copyFile(etcd.memberDbPath, memberDb);
    const db = BoltDb.open(memberDb);
    try {
      expect(snapshotStatus(db)).toEqual(await etcdctlStatus(memberDb));
      expect(await checkSha256Trailer(memberDb)).toMatchObject({ present: false });
      expect(db.fileSize).toBeGreaterThanOrEqual(db.size);
    } finally {
      db.close();
    }
  });
});
