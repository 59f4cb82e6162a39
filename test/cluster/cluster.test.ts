import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster.js';
import { useCluster } from './harness.js';
import type { Container, Pod } from './model.js';
import { mountsUnder } from './mounts.js';
import { execIn, exists, flag } from './test-helpers.js';

/** Alive and not a zombie (a reparented child stays one where PID 1 does not reap). */
async function isRunning(pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

async function runningOf(pids: readonly (number | undefined)[]): Promise<(number | undefined)[]> {
  const running = await Promise.all(pids.map(isRunning));
  return pids.filter((_, i) => running[i]);
}

function podNamed(cluster: Cluster, name: string): { object: Pod; containers: Record<string, Container> } {
  const entry = cluster.state.pods.find((p) => p.object.metadata.name === name);
  if (!entry) throw new Error(`no pod ${name}`);
  return entry;
}

describe('a one-member kubeadm cluster with the demo seed', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 1, seed: 'demo' });

  it('starts (start-up time reported)', () => {
    const { timings, seed } = cluster();
    console.log(`start-up, one member, demo seed (${seed.keys.length} keys): ${timings['total']} ms`, timings);
    expect(seed.keys.length).toBeGreaterThan(50);
  });

  it('runs etcdctl inside the etcd container with the paths and endpoint its pod spec names', async () => {
    const etcd = podNamed(cluster(), 'etcd-control-plane-1');
    const command = etcd.object.spec.containers[0]?.command ?? [];
    const result = await execIn(etcd.containers['etcd'] as Container, [
      'etcdctl',
      `--endpoints=${flag(command, 'advertise-client-urls')}`,
      `--cacert=${flag(command, 'trusted-ca-file')}`,
      `--cert=${flag(command, 'cert-file')}`,
      `--key=${flag(command, 'key-file')}`,
      'get', '/registry', '--prefix', '--keys-only',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(cluster().seed.keys);
  });

  it('shares /var/lib/etcd between the container and the node (hostPath): a snapshot saved inside shows on the node', async () => {
    const { dir } = cluster();
    const etcd = podNamed(cluster(), 'etcd-control-plane-1');
    const command = etcd.object.spec.containers[0]?.command ?? [];
    const result = await execIn(etcd.containers['etcd'] as Container, [
      'etcdctl', `--endpoints=${flag(command, 'advertise-client-urls')}`, '--cacert=/etc/kubernetes/pki/etcd/ca.crt',
      '--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt', '--key=/etc/kubernetes/pki/etcd/healthcheck-client.key',
      'snapshot', 'save', '/var/lib/etcd/test-snapshot.db',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(await exists(join(dir, 'nodes/control-plane-1/var/lib/etcd/test-snapshot.db'))).toBe(true);
    expect(await exists(join(dir, 'nodes/control-plane-1/var/lib/etcd/member/snap/db'))).toBe(true);
  });

  it('shows apiserver-etcd-client to the kube-apiserver container, not to the etcd container', async () => {
    const apiserver = podNamed(cluster(), 'kube-apiserver-control-plane-1');
    const certFile = flag(apiserver.object.spec.containers[0]?.command ?? [], 'etcd-certfile');
    expect(certFile).toBe('/etc/kubernetes/pki/apiserver-etcd-client.crt');
    expect(await exists(join(apiserver.containers['kube-apiserver']?.rootfs ?? '', certFile))).toBe(true);
    const etcd = podNamed(cluster(), 'etcd-control-plane-1');
    expect(await exists(join(etcd.containers['etcd']?.rootfs ?? '', certFile))).toBe(false);
  });

  it('fails a shell in the distroless etcd image, and etcdctl once the fault removed it', async () => {
    const etcd = podNamed(cluster(), 'etcd-control-plane-1');
    await expect(execIn(etcd.containers['etcd'] as Container, ['sh', '-c', 'true'])).rejects.toThrow('exec: "sh": executable file not found in $PATH');
    await cluster().removeFromImage('kube-system', 'etcd-control-plane-1', 'etcd', '/usr/local/bin/etcdctl');
    await expect(execIn(etcd.containers['etcd'] as Container, ['etcdctl', 'version'])).rejects.toThrow('exec: "etcdctl": executable file not found in $PATH');
  });
});

describe('helper pods created through the API', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 1, seed: 'none' });
  const helper = (image: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'etcd-helper', namespace: 'kube-system' },
    spec: {
      nodeName: 'control-plane-1',
      containers: [{ name: 'helper', image, command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/host/var/lib/etcd' }] }],
      volumes: [{ name: 'data', hostPath: { path: '/var/lib/etcd', type: 'Directory' } }],
    },
  });

  it("get the image's tools and the node's hostPath volumes, and leave nothing once removed", async () => {
    const launch = cluster().state.launch;
    if (!launch) throw new Error('the cluster launches no pods');
    const launched = await launch(helper('busybox:1.36'));
    const container = launched.containers['helper'] as Container;
    const listing = await execIn(container, ['ls', '/host/var/lib/etcd/member']);
    expect(listing.stdout.split('\n')).toEqual(['snap', 'wal', '']);
    expect(await exists(join(container.rootfs, 'bin/tar'))).toBe(true);
    await launched.remove?.();
    expect(await exists(container.rootfs)).toBe(false);
    expect(await mountsUnder(container.rootfs)).toEqual([]);
  });

  it('fail to start with an image this offline machine does not have', async () => {
    await expect(cluster().state.launch?.(helper('quay.io/example/unknown:1.0'))).rejects.toThrow('failed to pull image');
  });
});

describe('clean-up', () => {
  it('leaves no process, mount or file once stop() returns', async () => {
    const cluster = await startCluster({ profile: 'kubeadm', members: 3, seed: 'none' });
    const pids = cluster.etcd.members.map((m) => m.pid);
    const stopping = Date.now();
    expect(await runningOf(pids)).toEqual(pids);
    expect((await mountsUnder(cluster.dir)).length).toBeGreaterThan(0);
    await cluster.stop();
    console.log(`stop() of a three-member cluster: ${Date.now() - stopping} ms`);
    expect(await runningOf(pids)).toEqual([]);
    expect(await mountsUnder(cluster.dir)).toEqual([]);
    expect(await exists(cluster.dir)).toBe(false);
  });

  it('leaves nothing behind when the process running the cluster dies without stop()', async () => {
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [join(import.meta.dirname, 'crash-child.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).not.toBe(0);
    const started = JSON.parse(output.trim()) as { dir: string; pids: number[] };
    expect(started.pids.length).toBe(1);
    expect(await runningOf(started.pids)).toEqual([]);
    expect(await mountsUnder(started.dir)).toEqual([]);
    expect(await exists(started.dir)).toBe(false);
  });
});

describe('the certificates inside the cluster', () => {
  it('are the files the node holds, not copies (hostPath semantics)', async () => {
    const cluster = await startCluster({ profile: 'kubeadm', members: 1, seed: 'none' });
    try {
      const etcd = podNamed(cluster, 'etcd-control-plane-1');
      const inContainer = await readFile(join(etcd.containers['etcd']?.rootfs ?? '', '/etc/kubernetes/pki/etcd/server.crt'), 'utf8');
      const onNode = await readFile(join(cluster.dir, 'nodes/control-plane-1/etc/kubernetes/pki/etcd/server.crt'), 'utf8');
      expect(inContainer).toBe(onNode);
      expect(inContainer).toContain('BEGIN CERTIFICATE');
    } finally {
      await cluster.stop();
    }
  });
});
