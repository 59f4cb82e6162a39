/**
 * Bounded memory on a large snapshot written by real etcd: a few hundred MB (values of 1 MB spanning hundreds of
 * pages, and tens of thousands of small keys written twice), read whole (every key and value, checked), the history
 * of a key, snapshot status (checked against etcdctl's) and the trailer, while the live memory (heap and buffers,
 * measured after a full garbage collection) stays under a fixed bound far below the file's size. No timing is
 * asserted. The 1 GB proof is bench/snapshot-reader.ts.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixEnd } from '../../../src/etcd/key-value-source.js';
import { MvccStore } from '../../../src/etcd/snapshot/mvcc-store.js';
import { snapshotStatus } from '../../../src/etcd/snapshot/snapshot-status.js';
import { checkSha256Trailer } from '../../../src/etcd/snapshot/snapshot-trailer.js';
import { bulkFill, fillKey, fillValue, putEachWithEtcdctl, type FillPlan } from './bulk-fill.js';
import { peakTracker } from './live-memory.js';
import { startThrowawayEtcd, type ThrowawayEtcd } from './throwaway-etcd.js';

const BIG: FillPlan = { prefix: '/large/big/', keys: 240, valueBytes: 1024 * 1024 };
const SMALL: FillPlan = { prefix: '/large/small/', keys: 20_000, valueBytes: 300, rounds: 2 };
/** Live bytes the reader may hold at any point; the file is several times larger. */
const MEMORY_BOUND = 48 * 1024 * 1024;

describe('a snapshot of a few hundred MB', () => {
  let etcd: ThrowawayEtcd | undefined;
  let snapshot = '';

  beforeAll(async () => {
    etcd = await startThrowawayEtcd(['--quota-backend-bytes=8589934592']);
    await putEachWithEtcdctl(etcd, BIG);
    await bulkFill(etcd, SMALL);
    snapshot = join(etcd.dir, 'large.db');
    await etcd.etcdctl(['snapshot', 'save', snapshot]);
    await etcd.halt();
  }, 600_000);

  afterAll(async () => {
    await etcd?.stop();
  });

  it('is read whole, checked and hashed in bounded memory', async () => {
    const fileBytes = (await stat(snapshot)).size;
    expect(fileBytes).toBeGreaterThan(5 * MEMORY_BOUND);
    const memory = peakTracker();
    const sample = () => memory.sample();

    const store = MvccStore.open(snapshot);
    try {
      for (const plan of [BIG, SMALL]) {
        const prefix = Buffer.from(plan.prefix);
        const found = store.rangeLazily({ key: prefix, rangeEnd: prefixEnd(prefix) });
        expect(found.count).toBe(plan.keys);
        let index = 0;
        for (const kv of found.kvs) {
          expect(kv.key.toString()).toBe(fillKey(plan, index));
          expect(kv.value.equals(fillValue(plan, index, (plan.rounds ?? 1) - 1))).toBe(true);
          expect(kv.version).toBe(plan.rounds ?? 1);
          index++;
          if (index % 2000 === 0 || plan === BIG) sample();
        }
        expect(index).toBe(plan.keys);
      }
      const history = store.history({ key: Buffer.from(fillKey(SMALL, 123)) });
      expect(history.map((h) => h.kv.value)).toEqual([fillValue(SMALL, 123, 0), fillValue(SMALL, 123, 1)]);
      sample();

      const { stdout } = await promisify(execFile)('etcdctl', ['snapshot', 'status', '-w', 'json', snapshot], { env: { PATH: process.env.PATH, ETCDCTL_API: '3' } });
      expect(snapshotStatus(store.db)).toEqual(JSON.parse(stdout));
      sample();
      expect(await checkSha256Trailer(snapshot)).toMatchObject({ present: true, valid: true });
      sample();
      // Every byte was read at least once (status hashes them all), through a cache of a few MB.
      expect(store.db.readStats.bytesRead).toBeGreaterThan(fileBytes / 2);
    } finally {
      store.close();
    }
    console.info(`large snapshot: ${(fileBytes / 1e6).toFixed(0)} MB file, peak live memory ${(memory.peak / 1e6).toFixed(1)} MB above the baseline`);
    expect(memory.peak).toBeLessThan(MEMORY_BOUND);
  }, 300_000);
});
