/**
 * Paging a live etcd (stand-in cluster, kubeadm profile, 3000 generated objects): `-w protobuf` pages read exactly
 * what `-w json` says, pages grow from a small first one by the bytes they hold, the next page is fetched while the
 * caller works and is cancelled when it stops early, and a page cut in transit fails the listing after the pages
 * that did arrive, never silently.
 */
import { describe, expect, it } from 'vitest';
import { connectToEtcd, type EtcdConnection } from '../../src/etcd/connect.js';
import { parseRangeResponse, type KeyValue } from '../../src/etcd/etcdctl-json.js';
import { prefixEnd } from '../../src/etcd/key-value-source.js';
import { FIRST_PAGE_SIZE, liveKeyValueSource, nextLimit, PAGE_BYTES } from '../../src/etcd/live-source.js';
import { parseRangeResponseProtobuf } from '../../src/etcd/range-response-pb.js';
import { StreamCutError } from '../../src/kube/errors.js';
import { useCluster } from '../cluster/harness.js';
import { clusterUnavailable, commandLines, eventually } from '../kube/helpers.js';

describe('page sizes', () => {
  it('grow at most tenfold from the first page, toward PAGE_BYTES of output at the last page\'s bytes per key', () => {
    expect(nextLimit(50_000, FIRST_PAGE_SIZE, FIRST_PAGE_SIZE * 100, FIRST_PAGE_SIZE)).toBe(FIRST_PAGE_SIZE * 10);
    expect(nextLimit(50_000, 20_000, 20_000 * 1000, 20_000)).toBe(Math.floor(PAGE_BYTES / 1000));
    expect(nextLimit(50_000, 2000, 2000 * 1024 * 1024, 2000)).toBe(PAGE_BYTES / (1024 * 1024));
    expect(nextLimit(500, 200, 2000, 200)).toBe(500);
    expect(nextLimit(50_000, 200, 0, 0)).toBe(2000);
  });
});

describe.skipIf(clusterUnavailable())('live pages (kubeadm, 3000 generated objects)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'large:3000' });
  const prefix = Buffer.from('/registry/');
  const everything = { key: prefix, rangeEnd: prefixEnd(prefix) };

  async function withConnection<T>(work: (connection: EtcdConnection) => Promise<T>): Promise<T> {
    const connection = await connectToEtcd({ kubeconfig: cluster().kubeconfigPath });
    try {
      return await work(connection);
    } finally {
      await connection.close();
    }
  }

  it('reads from -w protobuf exactly what -w json reports: keys, values, revisions, leases, IDs, more and count', async () => {
    await withConnection(async (connection) => {
      const args = (format: string) => ['get', '-w', format, '--limit=100', '--prefix', '--', '/registry/events/'];
      const json = parseRangeResponse((await connection.etcdctl(args('json'))).stdout.toString());
      const protobuf = parseRangeResponseProtobuf((await connection.etcdctl(args('protobuf'))).stdout);
      expect(protobuf).toEqual(json);
      expect(protobuf.more).toBe(true);
      expect(protobuf.kvs.some((kv) => kv.lease !== 0)).toBe(true);
      expect(typeof protobuf.header.clusterId).toBe('bigint');
    });
  });

  // Protobuf has no end marker: a cut between fields cannot be seen here, which is why a page counts only once its
  // exec reported an exit status. A cut inside a key-value is seen.
  it('refuses a response cut inside a key-value instead of reading part of it', async () => {
    await withConnection(async (connection) => {
      const { stdout } = await connection.etcdctl(['get', '-w', 'protobuf', '--limit=10', '--prefix', '--', '/registry/']);
      expect(() => parseRangeResponseProtobuf(stdout.subarray(0, Math.floor(stdout.length / 2)))).toThrow(/^not the output of `etcdctl get -w protobuf`: /);
    });
  });

  it('lists every key in order at one revision, in pages that start small and grow by the rule', async () => {
    await withConnection(async (connection) => {
      const sizes: number[] = [];
      const keys: string[] = [];
      const revisions = new Set<number>();
      for await (const page of liveKeyValueSource(connection).range(everything)) {
        sizes.push(page.kvs.length);
        revisions.add(page.revision);
        keys.push(...page.kvs.map((kv) => kv.key.toString()));
      }
      expect(keys).toEqual(cluster().seed.keys.filter((key) => key.startsWith('/registry/')));
      expect(revisions.size).toBe(1);
      expect(sizes[0]).toBe(FIRST_PAGE_SIZE);
      expect(sizes[1]).toBe(FIRST_PAGE_SIZE * 10);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(keys.length);
    });
  });

  it('gathers a page into the memory of one the caller let go of, never of the one it holds, and reads the same', async () => {
    await withConnection(async (connection) => {
      const source = liveKeyValueSource(connection);
      const copy = (kvs: readonly KeyValue[]) => kvs.map((kv) => ({ ...kv, key: Buffer.from(kv.key), value: Buffer.from(kv.value) }));
      const kept: KeyValue[] = [];
      for await (const page of source.range(everything, { pageSize: 250 })) kept.push(...page.kvs);
      const recycled: KeyValue[] = [];
      const memories: ArrayBufferLike[] = [];
      // A caller that takes its time over some pages: the pages after one are fetched meanwhile, with the pipeline
      // full or not, and must not land on the page it holds.
      const pauses = [0, 60, 5, 0, 90, 20, 0, 0, 45];
      for await (const page of source.range(everything, { pageSize: 250, pagesLetGo: true })) {
        const held = copy(page.kvs);
        await new Promise((resolve) => setTimeout(resolve, pauses[memories.length % pauses.length]));
        expect(copy(page.kvs)).toEqual(held);
        recycled.push(...held);
        memories.push((page.kvs[0] as KeyValue).value.buffer);
      }
      expect(recycled).toEqual(kept);
      expect(memories.length).toBeGreaterThan(8);
      // A page goes into an earlier one's memory when that is large enough for it; page sizes vary along the keyspace.
      const reused = memories.filter((memory, i) => memories.slice(0, i).includes(memory));
      expect(reused.length).toBeGreaterThanOrEqual(3);
    });
  });

  it('stops the page in flight when the caller leaves early', async () => {
    await withConnection(async (connection) => {
      for await (const page of liveKeyValueSource(connection).range(everything)) {
        expect(page.kvs).toHaveLength(FIRST_PAGE_SIZE);
        break;
      }
      const fetching = async () => (await commandLines()).some((line) => line.includes('etcdctl') && line.includes(`--limit=${FIRST_PAGE_SIZE * 10 + 1}`));
      await eventually(async () => !(await fetching()), 'the prefetched page to be stopped');
    });
  });

  it('gives the pages that arrived whole, then fails with the cut stream when a later page is cut', async () => {
    await withConnection(async (connection) => {
      // The first page (200 objects) fits in this many bytes; the second (2000) does not.
      cluster().faults.cutStreamAfterBytes = 1024 * 1024;
      const sizes: number[] = [];
      try {
        const listing = (async () => {
          for await (const page of liveKeyValueSource(connection).range(everything)) sizes.push(page.kvs.length);
        })();
        await expect(listing).rejects.toBeInstanceOf(StreamCutError);
      } finally {
        delete cluster().faults.cutStreamAfterBytes;
      }
      expect(sizes).toEqual([FIRST_PAGE_SIZE]);
    });
  });
});
