/**
 * connectToEtcd when things go wrong, against the stand-in cluster: a dead member in an HA cluster, RBAC denials,
 * a missing pod, etcdctl missing from the image, an exec stream cut mid-page, an API server that is not there; and
 * the API server's certificate copied into the etcd pod (--use-apiserver-cert), gone from the container's file
 * system afterwards in every case: success, failure, a missing tar, interruption and Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { connectToEtcd, type ConnectOptions, type EtcdConnection } from '../../src/etcd/connect.js';
import { prefixEnd } from '../../src/etcd/key-value-source.js';
import { liveKeyValueSource } from '../../src/etcd/live-source.js';
import { ClusterError, EtcdctlError, StreamCutError } from '../../src/kube/errors.js';
import type { Cluster } from '../cluster/cluster.js';
import { useCluster } from '../cluster/harness.js';
import { clusterUnavailable, commandLines, eventually } from '../kube/helpers.js';

const connect = (cluster: Cluster, options: Partial<ConnectOptions> = {}) => connectToEtcd({ kubeconfig: cluster.kubeconfigPath, ...options });

async function keysUnder(connection: EtcdConnection, prefix: string): Promise<string[]> {
  const key = Buffer.from(prefix);
  const keys: string[] = [];
  for await (const page of liveKeyValueSource(connection).range({ key, rangeEnd: prefixEnd(key), keysOnly: true }, { pageSize: 10 })) {
    keys.push(...page.kvs.map((kv) => kv.key.toString()));
  }
  return keys;
}

async function failure(promise: Promise<unknown>): Promise<ClusterError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ClusterError)) throw error;
  return error;
}

describe.skipIf(clusterUnavailable())('three members (kubeadm)', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 3, seed: 'demo' });

  it('says which member it uses, and lists all of them, ready ones first', async () => {
    const log: string[] = [];
    const connection = await connect(cluster(), { verbose: (line) => log.push(line) });
    await connection.close();
    expect(connection.members.map((m) => [m.name, m.ready])).toEqual([
      ['etcd-control-plane-1', true],
      ['etcd-control-plane-2', true],
      ['etcd-control-plane-3', true],
    ]);
    expect(log).toContain('etcd pods: kube-system/etcd-control-plane-1, kube-system/etcd-control-plane-2, kube-system/etcd-control-plane-3; using kube-system/etcd-control-plane-1');
  });

  it('names the missing verb and resource when RBAC denies listing pods or exec, exit status 5, without trying other members', async () => {
    const { faults } = cluster();
    faults.deny.push({ verb: 'list', resource: 'pods', namespace: 'kube-system' });
    const listing = await failure(connect(cluster()));
    faults.deny.length = 0;
    expect(listing.message).toBe('RBAC does not allow kubernetes-admin to list pods in namespace kube-system');
    expect(listing.exitCode).toBe(ExitCode.forbidden);

    const log: string[] = [];
    const connection = await connect(cluster(), { verbose: (line) => log.push(line) });
    faults.deny.push({ verb: 'create', resource: 'pods/exec', namespace: 'kube-system' });
    try {
      const exec = await failure(connection.etcdctl(['endpoint', 'health']));
      expect(exec.message).toBe('RBAC does not allow kubernetes-admin to create pods/exec in namespace kube-system');
      expect(exec.exitCode).toBe(ExitCode.forbidden);
      expect(log.filter((line) => line.includes('trying the next member'))).toEqual([]);
    } finally {
      faults.deny.length = 0;
      await connection.close();
    }
  });

  it('names a --pod that does not exist', async () => {
    const error = await failure(connect(cluster(), { pod: 'etcd-nowhere' }));
    expect(error.message).toBe('pod "etcd-nowhere" not found in namespace kube-system or openshift-etcd');
    expect(error.exitCode).toBe(ExitCode.error);
  });

  it('reports an exec stream cut in the middle of a page as incomplete, yielding nothing of that page', async () => {
    const connection = await connect(cluster());
    cluster().faults.cutStreamAfterBytes = 2000;
    const pages: number[] = [];
    try {
      const key = Buffer.from('/registry/');
      const error = await failure(
        (async () => {
          for await (const page of liveKeyValueSource(connection).range({ key, rangeEnd: prefixEnd(key) })) pages.push(page.kvs.length);
        })(),
      );
      expect(error).toBeInstanceOf(StreamCutError);
      expect(error.message).toMatch(/^the connection to the API server was cut while etcdctl in pod kube-system\/etcd-control-plane-1 was running \(2000 bytes received, no exit status\): the output is incomplete$/);
      expect(pages).toEqual([]);
    } finally {
      delete cluster().faults.cutStreamAfterBytes;
      await connection.close();
    }
  });

  it("keeps working when the first member's etcd is down: etcdctl in its pod reaches the other members", async () => {
    const log: string[] = [];
    const connection = await connect(cluster(), { verbose: (line) => log.push(line) });
    await cluster().etcd.kill('control-plane-1');
    try {
      expect(await keysUnder(connection, '/registry/')).toEqual(cluster().seed.keys.filter((k) => k.startsWith('/registry/')));
      const urls = cluster().etcd.members.map((m) => m.clientUrl);
      expect(log.some((line) => line.includes(`"--endpoints=${urls.join(',')}"`))).toBe(true);
      expect(connection.description).toBe('etcd pod kube-system/etcd-control-plane-1 (container etcd)');
    } finally {
      await connection.close();
      await cluster().etcd.restart('control-plane-1');
    }
  });

  it('moves on to the next pod when the one in use is gone', async () => {
    const log: string[] = [];
    const connection = await connect(cluster(), { verbose: (line) => log.push(line) });
    const { pods } = cluster().state;
    const index = pods.findIndex((p) => p.object.metadata.name === 'etcd-control-plane-1');
    const [removed] = pods.splice(index, 1);
    try {
      await connection.etcdctl(['endpoint', 'health']);
      expect(log).toContain('etcd pod kube-system/etcd-control-plane-1 (container etcd) failed (pods "etcd-control-plane-1" not found); trying the next member');
      expect(connection.description).toBe('etcd pod kube-system/etcd-control-plane-2 (container etcd)');
    } finally {
      if (removed) pods.splice(index, 0, removed);
      await connection.close();
    }
  });

  it('names etcdctl and the image when etcdctl is not in it, exit status 1', async () => {
    await cluster().removeFromImage('kube-system', 'etcd-control-plane-3', 'etcd', '/usr/local/bin/etcdctl');
    const connection = await connect(cluster(), { pod: 'etcd-control-plane-3' });
    try {
      const error = await failure(connection.etcdctl(['version']));
      expect(error.message).toBe('etcdctl is not in the image of container etcd of pod kube-system/etcd-control-plane-3 (registry.k8s.io/etcd:3.6.5-0)');
      expect(error.exitCode).toBe(ExitCode.error);
    } finally {
      await connection.close();
    }
  });
});

describe.skipIf(clusterUnavailable())('three members (rke2: each pod knows only its own member)', () => {
  const cluster = useCluster({ profile: 'rke2', members: 3, seed: 'demo' });

  it("runs etcdctl in the next pod when the first pod's etcd does not answer", async () => {
    const log: string[] = [];
    const connection = await connect(cluster(), { verbose: (line) => log.push(line) });
    const first = connection.members[0];
    const member = cluster().etcd.members.find((m) => m.clientUrl === first?.clientUrl);
    await cluster().etcd.kill(member?.name ?? '');
    try {
      expect(await keysUnder(connection, '/registry/')).toEqual(cluster().seed.keys.filter((k) => k.startsWith('/registry/')));
      expect(log.some((line) => line.startsWith(`the etcd member of kube-system/${first?.name} does not answer`))).toBe(true);
      expect(connection.description).toBe(`etcd pod kube-system/${connection.members[0]?.name} (container etcd)`);
      expect(connection.members[0]?.name).not.toBe(first?.name);
    } finally {
      await connection.close();
    }
  });
});

describe('an API server that is not there', () => {
  it('fails at once with the reason, exit status 4', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-unreachable-'));
    try {
      const kubeconfig = join(dir, 'config');
      await writeFile(kubeconfig, JSON.stringify({ clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], users: [{ name: 'u', user: { token: 't' } }], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }], 'current-context': 'x' }));
      const error = await failure(connectToEtcd({ kubeconfig }));
      expect(error.message).toBe('cannot reach the API server at https://127.0.0.1:1: connection refused (is the cluster running, is this the right context?)');
      expect(error.exitCode).toBe(ExitCode.unreachable);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Files kubectl-etcd left in the etcd container's /tmp. */
async function copiesLeft(cluster: Cluster, pod: string): Promise<string[]> {
  const rootfs = cluster.state.pods.find((p) => p.object.metadata.name === pod)?.containers['etcd']?.rootfs ?? '';
  return (await readdir(join(rootfs, 'tmp'))).filter((name) => name.startsWith('kubectl-etcd-'));
}

describe.skipIf(clusterUnavailable())('--use-apiserver-cert (minikube: tar in both images)', () => {
  const cluster = useCluster({ profile: 'minikube', seed: 'demo' });

  it('copies apiserver-etcd-client into the etcd pod, reads with it, and removes it on close', async () => {
    const log: string[] = [];
    const connection = await connect(cluster(), { useApiserverCert: true, verbose: (line) => log.push(line) });
    expect(await keysUnder(connection, '/registry/')).toEqual(cluster().seed.keys.filter((k) => k.startsWith('/registry/')));
    const [folder] = await copiesLeft(cluster(), 'etcd-minikube');
    expect(log).toContain(`etcd pod kube-system/etcd-minikube (container etcd): certificates from the API server (/tmp/${folder}/etcd-ca.crt, /tmp/${folder}/apiserver-etcd-client.crt, /tmp/${folder}/apiserver-etcd-client.key)`);
    await connection.close();
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toEqual([]);
  });

  it('removes the copies when etcdctl fails, and when the command is interrupted', async () => {
    const connection = await connect(cluster(), { useApiserverCert: true });
    await expect(connection.etcdctl(['get', '--no-such-flag', 'x'])).rejects.toBeInstanceOf(EtcdctlError);
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toHaveLength(1);
    await connection.close();
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toEqual([]);

    const interrupt = new AbortController();
    const interrupted = await connect(cluster(), { useApiserverCert: true, signal: interrupt.signal });
    const watching = interrupted.etcdctl(['watch', '/registry/never-written']).catch((e: unknown) => e);
    await eventually(async () => (await commandLines()).some((line) => line.endsWith('watch /registry/never-written')), 'the watch to start');
    interrupt.abort();
    expect(((await watching) as ClusterError).exitCode).toBe(ExitCode.interrupted);
    await interrupted.close();
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toEqual([]);
  });

  it('removes the copies on Ctrl-C when the process gives it no signal of its own, then ends as SIGINT would', async () => {
    const key = `/registry/ctrl-c-${process.pid}`;
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'interrupt-child.ts'), cluster().kubeconfigPath, key], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await eventually(async () => (await commandLines()).some((line) => line.endsWith(`watch ${key}`)), 'the watch to start');
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toHaveLength(1);
    child.kill('SIGINT');
    expect(await ended, stderr).toBe('SIGINT');
    expect(await copiesLeft(cluster(), 'etcd-minikube')).toEqual([]);
  });
});

describe.skipIf(clusterUnavailable())('--use-apiserver-cert without tar (kubeadm: distroless images)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'none' });

  it('says tar is missing and from which image, leaving nothing behind', async () => {
    const connection = await connect(cluster(), { useApiserverCert: true });
    try {
      const error = await failure(connection.etcdctl(['version']));
      expect(error.message).toBe('--use-apiserver-cert needs tar in both images, and container kube-apiserver of pod kube-system/kube-apiserver-control-plane-1 (image registry.k8s.io/kube-apiserver:v1.34.2) has none');
    } finally {
      await connection.close();
    }
    expect(await copiesLeft(cluster(), 'etcd-control-plane-1')).toEqual([]);
  });
});
