/**
 * The offline reader on what Kubernetes stores: the test cluster's fixtures seed (every fixture's protobuf or JSON
 * bytes under its real key, an aescbc-encrypted Secret, leased events) and demo seed, saved by the real etcd with
 * `etcdctl snapshot save`. Every key equals what `etcdctl get -w json` returns, at the latest and earlier revisions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeResponse, type KeyValue } from '../../../src/etcd/etcdctl-json.js';
import { MvccStore } from '../../../src/etcd/snapshot/mvcc-store.js';
import { snapshotStatus } from '../../../src/etcd/snapshot/snapshot-status.js';
import { useCluster } from '../../cluster/harness.js';
import type { SeedName } from '../../cluster/seed.js';
import { hasFixtures, missingFixturesReason } from '../../fixtures.js';

const ALL = { key: Buffer.alloc(0), rangeEnd: Buffer.from([0]) };

function readable(kvs: readonly KeyValue[]) {
  return kvs.map((kv) => ({ ...kv, key: kv.key.toString('latin1'), value: kv.value.toString('base64'), lease: String(kv.lease) }));
}

const seeds: SeedName[] = hasFixtures ? ['fixtures', 'demo'] : ['demo'];
if (!hasFixtures) console.warn(`fixtures seed ${missingFixturesReason}`);

describe.each(seeds)('the %s seed, saved by etcd and read offline', (seed) => {
  const cluster = useCluster({ profile: 'kubeadm', seed });
  let dir = '';
  let store: MvccStore | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-seed-snapshot-'));
    const path = join(dir, `${seed}.db`);
    await cluster().etcd.etcdctl(['snapshot', 'save', path]);
    store = MvccStore.open(path);
  });

  afterAll(async () => {
    store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = async (args: string[]) => parseRangeResponse((await cluster().etcd.etcdctl(['get', '-w', 'json', ...args])).stdout.toString('utf8'));

  it('holds every key etcd holds, with the same values, revisions, versions and leases', async () => {
    const expected = await get(['--prefix', '']);
    const actual = store?.range(ALL);
    expect(actual?.revision).toBe(expected.header.revision);
    expect(readable(actual?.kvs ?? [])).toEqual(readable(expected.kvs));
    expect(expected.kvs.length).toBeGreaterThan(seed === 'fixtures' ? 100 : 20);
    if (cluster().seed.leasedKeys.length > 0) expect(actual?.kvs.some((kv) => kv.lease !== 0)).toBe(true);
  });

  it('answers earlier revisions as etcd does', async () => {
    const current = store?.revisions().current ?? 0;
    for (const revision of [2, Math.floor(current / 3), Math.floor((2 * current) / 3), current - 1]) {
      const expected = await get(['--prefix', '', `--rev=${revision}`]);
      expect(readable(store?.range({ ...ALL, revision }).kvs ?? []), `revision ${revision}`).toEqual(readable(expected.kvs));
    }
  });

  it('computes snapshot status as etcdctl does', async () => {
    const { stdout } = await cluster().etcd.etcdctl(['snapshot', 'status', '-w', 'json', store?.db.path ?? '']);
    expect(store && snapshotStatus(store.db)).toEqual(JSON.parse(stdout.toString('utf8')));
  });
});
