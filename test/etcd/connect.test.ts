/**
 * connectToEtcd and the live KeyValueSource against the stand-in cluster with real etcd, on every profile: the
 * pod, container and key prefix each distribution has, etcdctl reaching the member with the certificates the pod
 * spec names, paging at one pinned revision, keys that would break a shell passing verbatim, and 64-bit IDs exact.
 * k3s and a managed control plane fail fast with the explanation.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { connectToEtcd, type EtcdConnection } from '../../src/etcd/connect.js';
import { liveKeyValueSource } from '../../src/etcd/live-source.js';
import { prefixEnd } from '../../src/etcd/key-value-source.js';
import { ClusterError } from '../../src/kube/errors.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import type { Cluster } from '../cluster/cluster.js';
import { useCluster } from '../cluster/harness.js';
import type { ProfileName } from '../cluster/profiles.js';
import { clusterUnavailable } from '../kube/helpers.js';

async function withConnection<T>(cluster: Cluster, work: (connection: EtcdConnection, log: string[]) => Promise<T>): Promise<T> {
  const log: string[] = [];
  const connection = await connectToEtcd({ kubeconfig: cluster.kubeconfigPath, verbose: (line) => log.push(line) });
  try {
    return await work(connection, log);
  } finally {
    await connection.close();
  }
}

/** Every key under `prefix`, read page by page through the live source. */
async function listKeys(connection: EtcdConnection, prefix: string, pageSize: number): Promise<{ keys: string[]; revisions: Set<number> }> {
  const key = Buffer.from(prefix);
  const keys: string[] = [];
  const revisions = new Set<number>();
  for await (const page of liveKeyValueSource(connection).range({ key, rangeEnd: prefixEnd(key), keysOnly: true }, { pageSize })) {
    revisions.add(page.revision);
    keys.push(...page.kvs.map((kv) => kv.key.toString()));
  }
  return { keys, revisions };
}

const PROFILES: { profile: ProfileName; namespace: string; container: string; prefix: string; certificates: RegExp }[] = [
  { profile: 'kubeadm', namespace: 'kube-system', container: 'etcd', prefix: '/registry', certificates: /--trusted-ca-file\/--cert-file\/--key-file flags of container etcd \(\/etc\/kubernetes\/pki\/etcd\/ca\.crt, / },
  { profile: 'kubeadm-3.5', namespace: 'kube-system', container: 'etcd', prefix: '/registry', certificates: /flags of container etcd/ },
  { profile: 'minikube', namespace: 'kube-system', container: 'etcd', prefix: '/registry', certificates: /flags of container etcd \(\/var\/lib\/minikube\/certs\/etcd\/ca\.crt/ },
  { profile: 'rke2', namespace: 'kube-system', container: 'etcd', prefix: '/registry', certificates: /files mounted into container etcd \(\/var\/lib\/rancher\/rke2\/server\/tls\/etcd\/server-ca\.crt, .*server-client\.crt, .*server-client\.key\)/ },
  { profile: 'openshift', namespace: 'openshift-etcd', container: 'etcdctl', prefix: '/kubernetes.io', certificates: /the ETCDCTL_\* environment of container etcdctl/ },
];

describe.skipIf(clusterUnavailable()).each(PROFILES)('profile $profile', ({ profile, namespace, container, prefix, certificates }) => {
  const cluster = useCluster({ profile, seed: 'demo' });

  it('finds the etcd pod, its container and the key prefix, and lists every seeded key page by page at one revision', async () => {
    await withConnection(cluster(), async (connection, log) => {
      const pod = cluster().state.pods.find((p) => p.object.metadata.namespace === namespace && p.object.metadata.name.startsWith('etcd-'));
      expect(connection.description).toBe(`etcd pod ${namespace}/${pod?.object.metadata.name} (container ${container})`);
      expect(connection.keyPrefix).toBe(prefix);
      expect(connection.members).toHaveLength(1);
      const listed = await listKeys(connection, `${prefix}/`, 7);
      expect(listed.keys).toEqual(cluster().seed.keys.filter((key) => key.startsWith(`${prefix}/`)));
      expect(listed.revisions.size).toBe(1);
      expect(log.join('\n')).toMatch(certificates);
    });
  });

  it('keeps 64-bit member and cluster IDs exact (the hex IDs etcd itself reports)', async () => {
    await withConnection(cluster(), async (connection) => {
      const parsed = parseJsonExact((await connection.etcdctl(['member', 'list', '-w', 'json'])).stdout.toString()) as { header: { cluster_id: bigint }; members: { ID: bigint }[] };
      const { stdout } = await cluster().etcd.etcdctl(['member', 'list', '-w', 'simple']);
      const hexIds = stdout.toString().trim().split('\n').map((line) => BigInt(`0x${line.split(',')[0]}`));
      expect(parsed.members.map((m) => BigInt(m.ID))).toEqual(hexIds);
      expect(hexIds.some((id) => id > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    });
  });
});

describe.skipIf(clusterUnavailable())('keys and values verbatim (kubeadm)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });

  it('writes and reads a key with spaces, quotes, $() and ; and a binary value through stdin, with no shell anywhere', async () => {
    const key = `/registry/configmaps/default/a key "quoted" 'single' $(touch /tmp/pwned); rm -rf / \`id\` *`;
    const value = Buffer.concat([Buffer.from('k8s\0'), randomBytes(4096)]);
    await withConnection(cluster(), async (connection) => {
      await connection.etcdctl(['put', '--', key], { stdin: value });
      const pages = liveKeyValueSource(connection).range({ key: Buffer.from(key) });
      const kvs = [];
      for await (const page of pages) kvs.push(...page.kvs);
      expect(kvs.map((kv) => [kv.key.toString(), kv.value.equals(value)])).toEqual([[key, true]]);
    });
    // etcd itself, asked by the host's etcdctl, holds exactly that key and value.
    const { stdout } = await cluster().etcd.etcdctl(['get', '-w', 'json', '--', key]);
    const stored = JSON.parse(stdout.toString()) as { kvs: { key: string; value: string }[] };
    expect(stored.kvs.map((kv) => [Buffer.from(kv.key, 'base64').toString(), Buffer.from(kv.value, 'base64').equals(value)])).toEqual([[key, true]]);
  });

  it('pins every page to the first page\'s revision: a key written meanwhile is not listed', async () => {
    await withConnection(cluster(), async (connection) => {
      const key = Buffer.from('/registry/');
      const seen: string[] = [];
      const revisions = new Set<number>();
      let written = false;
      for await (const page of liveKeyValueSource(connection).range({ key, rangeEnd: prefixEnd(key), keysOnly: true }, { pageSize: 5 })) {
        revisions.add(page.revision);
        seen.push(...page.kvs.map((kv) => kv.key.toString()));
        if (!written) {
          written = true;
          await connection.etcdctl(['put', '--', '/registry/zz-written-while-listing', 'x']);
        }
      }
      expect(revisions.size).toBe(1);
      expect(seen).not.toContain('/registry/zz-written-while-listing');
      expect(seen).toEqual([...seen].sort());
    });
  });

  it('reads a key that looks like a flag as a key', async () => {
    await withConnection(cluster(), async (connection) => {
      await connection.etcdctl(['put', '--', '--prefix', 'flag-like']);
      const kvs = [];
      for await (const page of liveKeyValueSource(connection).range({ key: Buffer.from('--prefix') })) kvs.push(...page.kvs);
      expect(kvs.map((kv) => kv.value.toString())).toEqual(['flag-like']);
    });
  });
});

describe.skipIf(clusterUnavailable()).each([
  { profile: 'k3s' as const, message: /^no etcd pod found \(.*\): this is k3s with embedded etcd: etcd runs inside the k3s server process/, hint: /server-ca\.crt/ },
  { profile: 'managed' as const, message: /^no etcd pod found \(.*\): this is Amazon EKS: the provider runs etcd for you/, hint: /kubectl get/ },
])('profile $profile', ({ profile, message, hint }) => {
  const cluster = useCluster({ profile, seed: 'none' });

  it('fails with an explanation of what kind of cluster this is and what to do, exit status 4', async () => {
    const error = (await connectToEtcd({ kubeconfig: cluster().kubeconfigPath }).catch((e: unknown) => e)) as ClusterError;
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(error.exitCode).toBe(ExitCode.unreachable);
  });
});
