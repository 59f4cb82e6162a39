/**
 * `snapshot restore` prints a plan made of what the cluster in hand really has (member names, peer URLs, data
 * directories and their volumes, certificates, the restore tool its etcd image carries) and changes nothing; the
 * restore command it prints for a member runs as printed with the real etcdctl.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/cluster.js';
import { useCluster } from '../cluster/harness.js';
import { runProgram } from '../cluster/run.js';
import { flag } from '../cluster/test-helpers.js';
import { repoRoot } from './run-cli.js';
import { runCliAsync } from './snapshot-helpers.js';

const snapshot = join(repoRoot, 'examples', 'demo.db');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-plan-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The etcd pods' commands, by pod name. */
function etcdCommands(cluster: Cluster): Map<string, string[]> {
  const pods = cluster.state.pods.filter((p) => p.object.metadata.labels?.['component'] === 'etcd' || p.object.metadata.labels?.['app'] === 'etcd');
  return new Map(pods.map((p) => [p.object.metadata.name, p.object.spec.containers.find((c) => c.name === 'etcd')?.command ?? []]));
}

/** What the plan must not change: the pods and every file on the nodes. */
async function clusterState(cluster: Cluster): Promise<string[]> {
  const files = await readdir(join(cluster.dir, 'nodes'), { recursive: true });
  return [...cluster.state.pods.map((p) => `pod ${p.object.metadata.name} ${p.object.metadata.resourceVersion ?? ''}`), ...files.sort()];
}

async function plan(cluster: Cluster): Promise<string> {
  const before = await clusterState(cluster);
  const run = await runCliAsync(['snapshot', 'restore', snapshot], { PATH: process.env['PATH'], HOME: scratch, KUBECONFIG: cluster.kubeconfigPath });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(await clusterState(cluster)).toEqual(before);
  return run.stdout;
}

describe('restore plan: kubeadm, 3 members', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 3, seed: 'demo' });

  it('names every member with its peer URL, data directory, volume, certificates and manifest', async () => {
    const text = await plan(cluster());
    expect(text).toMatch(/^Restore plan for .*demo\.db: revision \d+, \d+ keys, sha256 trailer valid\.$/m);
    expect(text).toMatch(/^Cluster: kubeadm, etcd 3\.\d+\.\d+, 3 members:$/m);
    const commands = etcdCommands(cluster());
    expect(commands.size).toBe(3);
    const initialCluster = flag([...commands.values()][0] ?? [], 'initial-cluster');
    for (const [pod, command] of commands) {
      const name = flag(command, 'name');
      const peer = flag(command, 'initial-advertise-peer-urls');
      expect(text).toContain(`  ${name}: pod kube-system/${pod}, node ${name}, data /var/lib/etcd (hostPath volume etcd-data), peer ${peer}`);
      expect(text).toContain(`[${name}] mv /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/kube-apiserver.yaml`);
      expect(text).toContain(`[${name}] /etc/kubernetes/manifests/etcd.yaml, volume etcd-data:`);
      expect(text).toContain(`[${name}] etcdctl --endpoints ${flag(command, 'listen-client-urls').split(',')[0]} --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key endpoint health`);
    }
    // The host's etcd (Debian 3.4) has no etcdutl, so neither have the stand-in's images: the plan says etcdctl.
    expect(text).toContain(`--initial-cluster ${initialCluster}`);
    expect(text).toContain('hostPath.path: /var/lib/etcd  ->  /var/lib/etcd-restored');
  });

  it('the restore command printed for a member runs as printed with the real etcdctl', async () => {
    const lines = (await plan(cluster())).split('\n');
    const start = lines.findIndex((line) => /^\s+on control-plane-1:$/.test(line));
    const end = lines.findIndex((line, i) => i > start && !line.trimEnd().endsWith('\\'));
    const words = lines.slice(start + 1, end + 1).join(' ').replaceAll('\\', ' ').split(/\s+/).filter(Boolean);
    expect(words.slice(0, 3)).toEqual(['etcdctl', 'snapshot', 'restore']);
    // The snapshot where this machine has it, the data directory in scratch: every other word as printed.
    words[3] = snapshot;
    const dataDir = words.indexOf('--data-dir');
    words[dataDir + 1] = join(scratch, 'restored');
    await runProgram(words[0] as string, words.slice(1), { env: { PATH: process.env['PATH'], ETCDCTL_API: '3' } });
    expect(await readdir(join(scratch, 'restored', 'member'))).toEqual(expect.arrayContaining(['snap', 'wal']));
  });
});

describe('restore plan: the other distributions', () => {
  const cases: readonly { profile: 'minikube' | 'rke2' | 'openshift'; says: string; lines: readonly string[] }[] = [
    { profile: 'minikube', says: "copies with minikube cp and uses minikube's paths", lines: ['minikube cp ', 'data /var/lib/minikube/etcd (hostPath volume etcd-data)', '--cacert /var/lib/minikube/certs/etcd/ca.crt'] },
    { profile: 'rke2', says: 'resets the cluster from the snapshot the RKE2 way', lines: ['data /var/lib/rancher/rke2/server/db/etcd (hostPath volume dir0)', 'rke2 server --cluster-reset --cluster-reset-restore-path=/root/demo.db'] },
    { profile: 'openshift', says: 'points at cluster-restore.sh', lines: ['sudo -E /usr/local/bin/cluster-restore.sh'] },
  ];
  for (const { profile, says, lines } of cases) {
    describe(profile, () => {
      const cluster = useCluster({ profile, seed: 'demo' });
      it(says, async () => {
        const text = await plan(cluster());
        expect(text).toMatch(new RegExp(`^Cluster: ${profile}, `, 'm'));
        for (const line of lines) expect(text).toContain(line);
      });
    });
  }
});
