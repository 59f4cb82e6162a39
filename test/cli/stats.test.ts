/**
 * stats (du) through the built kubectl-etcd against the stand-in cluster (kubeadm, three real etcd members, demo
 * seed): its counts and byte sums against a plain `etcdctl get --from-key -w json` listing of the same keys, decoded
 * independently; its member figures against `etcdctl endpoint status --cluster`; tables aligned with wide names;
 * a member down. And the size reader on etcdctl's real protobuf output, cut into chunks anywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEncryptionConfig } from '../../src/codec/encryption-config.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { parseRangeResponse, type KeyValue } from '../../src/etcd/etcdctl-json.js';
import { RangeSizeStream } from '../../src/etcd/range-size-stream.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { textWidth } from '../../src/render/text-width.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { useClusterCli } from './cli-runner.js';

const unavailable = clusterUnavailable();

interface Group {
  name: string;
  keys: number;
  bytes: number;
  largestBytes: number;
  leasedKeys: number;
}

interface StatsJson {
  revision: number;
  total: Omit<Group, 'name'>;
  resources: Group[];
  namespaces: Group[];
  largest: { key: string; bytes: number }[];
  members: { endpoint: string; id: string; dbSize?: number; dbSizeInUse?: number; reclaimable?: number; error?: string }[];
}

function tally(kvs: readonly KeyValue[], groupOf: (kv: KeyValue) => string): Map<string, Omit<Group, 'name'>> {
  const groups = new Map<string, Omit<Group, 'name'>>();
  for (const kv of kvs) {
    const name = groupOf(kv);
    const group = groups.get(name) ?? { keys: 0, bytes: 0, largestBytes: 0, leasedKeys: 0 };
    group.keys++;
    group.bytes += kv.value.length;
    group.largestBytes = Math.max(group.largestBytes, kv.value.length);
    if (kv.lease !== 0 && kv.lease !== 0n) group.leasedKeys++;
    groups.set(name, group);
  }
  return groups;
}

const asMap = (groups: readonly Group[]) => new Map(groups.map(({ name, ...figures }) => [name, figures]));

/** The display column each line's second cell starts at (cells are separated by three or more spaces). */
function secondColumn(line: string): number {
  const match = / {3,}(?=\S)/.exec(line);
  if (!match) throw new Error(`no second cell in ${JSON.stringify(line)}`);
  return textWidth(line.slice(0, match.index + match[0].length));
}

describe.skipIf(unavailable)(`stats (kubeadm, three members, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const { cluster, cli } = useClusterCli({ profile: 'kubeadm', members: 3, seed: 'demo' });

  async function listing(): Promise<{ revision: number; kvs: KeyValue[] }> {
    const response = parseRangeResponse((await cluster().etcd.etcdctl(['get', '', '--from-key', '-w', 'json'])).stdout.toString('utf8'));
    return { revision: response.header.revision, kvs: response.kvs };
  }

  it('counts keys, bytes, largest values and leases exactly as a plain etcdctl listing of the same keys gives them', async () => {
    const run = await cli(['stats', '-o', 'json', '--top', '5']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const stats = parseJsonExact(run.out) as unknown as StatsJson;
    const { revision, kvs } = await listing();
    expect(stats.revision).toBe(revision);
    expect(stats.total).toEqual(tally(kvs, () => 'all').get('all'));
    expect(stats.total.leasedKeys).toBe(cluster().seed.leasedKeys.length);

    // Namespaces as the objects themselves say, decoded (the encrypted Secret with the cluster's key).
    const keyRing = await readEncryptionConfig(cluster().encryptionConfigPath as string);
    const decoded = (kv: KeyValue) => decodeStoredValue(kv.value, { key: kv.key.toString('utf8'), keyRing });
    const namespaceOf = (kv: KeyValue) => {
      const value = decoded(kv);
      const metadata = value.status === 'decoded' ? (value.object['metadata'] as { namespace?: string } | undefined) : undefined;
      return metadata?.namespace ?? '<none>';
    };
    expect(asMap(stats.namespaces)).toEqual(tally(kvs, namespaceOf));

    // Resources, for kinds whose resource name is their plural; and every key is counted under one resource.
    const kindOf = (kv: KeyValue) => {
      const value = decoded(kv);
      return value.status === 'decoded' ? String(value.object['kind']) : '<undecoded>';
    };
    const byKind = tally(kvs, kindOf);
    const resources = asMap(stats.resources);
    const plurals: [string, string][] = [['ConfigMap', 'configmaps'], ['Pod', 'pods'], ['Deployment', 'deployments'], ['Event', 'events'], ['Secret', 'secrets'], ['Namespace', 'namespaces']];
    for (const [kind, resource] of plurals) {
      expect(resources.get(resource), resource).toEqual(byKind.get(kind));
    }
    expect(stats.resources.reduce((sum, g) => sum + g.keys, 0)).toBe(kvs.length);
    expect(stats.resources.reduce((sum, g) => sum + g.bytes, 0)).toBe(stats.total.bytes);

    const bySize = [...kvs].sort((a, b) => b.value.length - a.value.length || Buffer.compare(a.key, b.key));
    expect(stats.largest).toEqual(bySize.slice(0, 5).map((kv) => ({ key: kv.key.toString('utf8'), bytes: kv.value.length })));
  });

  it('gives each member\'s database size, size in use and what a defrag would reclaim, as etcd reports them', async () => {
    const run = await cli(['du', '-o', 'json']);
    expect(run.code).toBe(0);
    const stats = parseJsonExact(run.out) as unknown as StatsJson;
    const status = parseJsonExact((await cluster().etcd.etcdctl(['endpoint', 'status', '--cluster', '-w', 'json'])).stdout.toString('utf8')) as { Endpoint: string; Status: { header: { member_id: bigint | number }; dbSize: number; dbSizeInUse: number } }[];
    expect(status).toHaveLength(3);
    expect(new Map(stats.members.map((m) => [m.id, m]))).toEqual(new Map(status.map((s) => [BigInt(s.Status.header.member_id).toString(16), {
      endpoint: s.Endpoint,
      id: BigInt(s.Status.header.member_id).toString(16),
      dbSize: s.Status.dbSize,
      dbSizeInUse: s.Status.dbSizeInUse,
      reclaimable: s.Status.dbSize - s.Status.dbSizeInUse,
    }])));
  });

  it('counts only the keys under a prefix when given one', async () => {
    const run = await cli(['stats', '/registry/events/', '-o', 'json']);
    const stats = parseJsonExact(run.out) as unknown as StatsJson;
    const events = (await listing()).kvs.filter((kv) => kv.key.toString('utf8').startsWith('/registry/events/'));
    expect(stats.total).toEqual(tally(events, () => 'all').get('all'));
    expect(stats.resources.map((g) => g.name)).toEqual(['events']);
    const none = await cli(['stats', '/registry/nothing-here/']);
    expect(none).toMatchObject({ code: 1, out: '', stderr: 'error: no keys under /registry/nothing-here/\n' });
  });

  it('aligns its tables on display width, with wide and emoji names', async () => {
    const value = (namespace: string, name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { x: 'y'.repeat(5000) } });
    const names: [string, string][] = [['名前空間', '設定ファイル'], ['🚀-launch', 'ｆｕｌｌｗｉｄｔｈ'], ['e\u0301cole', 'cafe\u0301']];
    for (const [namespace, name] of names) {
      await cluster().etcd.etcdctl(['put', `/registry/configmaps/${namespace}/${name}`, value(namespace, name)]);
    }
    const run = await cli(['stats', '--top', '4']);
    expect(run.code).toBe(0);
    const sections = run.out.split('\n\n').map((section) => section.trimEnd().split('\n'));
    const titled = (title: string) => sections.find((lines) => lines[0]?.startsWith(title)) as string[];
    for (const title of ['RESOURCE', 'NAMESPACE', 'LARGEST VALUES', 'MEMBER']) {
      const lines = titled(title);
      expect(lines.length, title).toBeGreaterThan(1);
      expect(new Set(lines.map(secondColumn)), `${title}:\n${lines.join('\n')}`).toHaveLength(1);
    }
    expect(titled('NAMESPACE').some((line) => line.startsWith('名前空間   '))).toBe(true);
    expect(titled('LARGEST VALUES').some((line) => line.startsWith('/registry/configmaps/🚀-launch/ｆｕｌｌｗｉｄｔｈ   '))).toBe(true);
  });

  it('lists a member that does not answer with why, and the others as usual', async () => {
    await cluster().etcd.kill('control-plane-3');
    try {
      const run = await cli(['stats', '-o', 'json']);
      expect(run.code).toBe(0);
      const stats = parseJsonExact(run.out) as unknown as StatsJson;
      const down = cluster().etcd.members.find((m) => m.name === 'control-plane-3')?.clientUrl;
      expect(stats.members.filter((m) => m.error !== undefined).map((m) => m.endpoint)).toEqual([down]);
      expect(stats.members.filter((m) => m.error === undefined && (m.dbSize ?? 0) > 0)).toHaveLength(2);
    } finally {
      await cluster().etcd.restart('control-plane-3');
    }
  });

  it('reads etcdctl\'s protobuf output cut into chunks anywhere: the same keys and sizes as its JSON output', async () => {
    const protobuf = (await cluster().etcd.etcdctl(['get', '', '--from-key', '-w', 'protobuf'])).stdout;
    const { kvs, revision } = await listing();
    const expected = kvs.map((kv) => ({ key: kv.key, valueBytes: kv.value.length, leased: kv.lease !== 0 && kv.lease !== 0n }));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 60 }), (sizes) => {
      const stream = new RangeSizeStream();
      const keys = [];
      let at = 0;
      for (let i = 0; at < protobuf.length; i++) {
        const size = sizes[i % sizes.length] as number;
        keys.push(...stream.push(protobuf.subarray(at, at + size)));
        at += size;
      }
      expect(stream.end()).toEqual({ revision, more: false });
      expect(keys).toEqual(expected);
    }), { numRuns: 50 });
    const cut = new RangeSizeStream();
    cut.push(protobuf.subarray(0, protobuf.length - 3));
    expect(() => cut.end()).toThrow(/bytes at the end are not a whole field/);
  });
});
