import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cluster } from './cluster.js';
import { useCluster } from './harness.js';
import type { Container, PodEntry } from './model.js';
import type { ProfileName } from './profiles.js';
import { execIn, exists, flag } from './test-helpers.js';

function podsLabelled(cluster: Cluster, label: string, value: string): PodEntry[] {
  return cluster.state.pods.filter((p) => p.object.metadata.labels?.[label] === value);
}

const listedKeys = (stdout: string) => stdout.split('\n').filter(Boolean).sort();

/** The etcdctl arguments a user finds in a kubeadm-style etcd pod spec (flags of the container command). */
function kubeadmClientFlags(pod: PodEntry): string[] {
  const command = pod.object.spec.containers[0]?.command ?? [];
  return [
    `--endpoints=${flag(command, 'advertise-client-urls')}`,
    `--cacert=${flag(command, 'trusted-ca-file')}`,
    `--cert=${flag(command, 'cert-file')}`,
    `--key=${flag(command, 'key-file')}`,
  ];
}

/** The same for rke2, whose etcd reads a config file in its (hostPath) data dir. */
async function rke2ClientFlags(pod: PodEntry): Promise<string[]> {
  const container = pod.containers['etcd'] as Container;
  const configPath = flag(pod.object.spec.containers[0]?.args ?? [], 'config-file');
  const config = parse(await readFile(join(container.rootfs, configPath), 'utf8')) as {
    'advertise-client-urls': string;
    'client-transport-security': Record<'trusted-ca-file' | 'cert-file' | 'key-file', string>;
  };
  const tls = config['client-transport-security'];
  return [`--endpoints=${config['advertise-client-urls']}`, `--cacert=${tls['trusted-ca-file']}`, `--cert=${tls['cert-file']}`, `--key=${tls['key-file']}`];
}

const kubeadmLike: { profile: ProfileName; shell: boolean; tar: boolean; pki: string }[] = [
  { profile: 'kubeadm', shell: false, tar: false, pki: '/etc/kubernetes/pki' },
  { profile: 'kubeadm-3.5', shell: true, tar: false, pki: '/etc/kubernetes/pki' },
  { profile: 'minikube', shell: true, tar: true, pki: '/var/lib/minikube/certs' },
];

describe.each(kubeadmLike)('profile $profile', ({ profile, shell, tar, pki }) => {
  const cluster = useCluster({ profile, members: 1, seed: 'demo' });

  it('serves the etcd static pod as kubeadm writes it, and etcdctl inside it with those flags lists the seeded keys', async () => {
    const [etcd] = podsLabelled(cluster(), 'component', 'etcd');
    expect(etcd?.object.metadata).toMatchObject({ namespace: 'kube-system', labels: { tier: 'control-plane' } });
    expect(etcd?.object.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    const flags = kubeadmClientFlags(etcd as PodEntry);
    expect(flags[2]).toBe(`--cert=${pki}/etcd/server.crt`);
    const result = await execIn(etcd?.containers['etcd'] as Container, ['etcdctl', ...flags, 'get', '/registry', '--prefix', '--keys-only']);
    expect(result.code).toBe(0);
    expect(listedKeys(result.stdout)).toEqual(cluster().seed.keys);
  });

  it(`has ${shell ? 'a' : 'no'} shell and ${tar ? '' : 'no '}tar in the etcd image`, async () => {
    const rootfs = podsLabelled(cluster(), 'component', 'etcd')[0]?.containers['etcd']?.rootfs ?? '';
    expect(await exists(join(rootfs, 'bin/sh'))).toBe(shell);
    expect(await exists(join(rootfs, 'bin/tar'))).toBe(tar);
  });

  it('points kube-apiserver at the real etcd with apiserver-etcd-client from the parent pki folder', () => {
    const [apiserver] = podsLabelled(cluster(), 'component', 'kube-apiserver');
    const command = apiserver?.object.spec.containers[0]?.command ?? [];
    expect(flag(command, 'etcd-servers')).toBe(cluster().etcd.members[0]?.clientUrl);
    expect(flag(command, 'etcd-certfile')).toBe(`${pki}/apiserver-etcd-client.crt`);
  });
});

describe('profile rke2', () => {
  const cluster = useCluster({ profile: 'rke2', members: 1, seed: 'demo' });

  it('runs etcd from a config file whose certificates, mounted one by one, let etcdctl list the seeded keys', async () => {
    const [etcd] = podsLabelled(cluster(), 'component', 'etcd');
    expect(etcd?.object.spec.containers[0]?.args).toEqual(['--config-file=/var/lib/rancher/rke2/server/db/etcd/config']);
    const flags = await rke2ClientFlags(etcd as PodEntry);
    expect(flags[2]).toBe('--cert=/var/lib/rancher/rke2/server/tls/etcd/server-client.crt');
    const result = await execIn(etcd?.containers['etcd'] as Container, ['etcdctl', ...flags, 'get', '/registry', '--prefix', '--keys-only']);
    expect(listedKeys(result.stdout)).toEqual(cluster().seed.keys);
    expect(await exists(join(etcd?.containers['etcd']?.rootfs ?? '', 'bin/sh'))).toBe(false);
  });
});

describe('profile openshift', () => {
  const cluster = useCluster({ profile: 'openshift', members: 1, seed: 'demo' });

  it('serves openshift-etcd pods labelled app=etcd whose first container etcdctl works from its environment alone', async () => {
    const [etcd] = podsLabelled(cluster(), 'app', 'etcd');
    expect(etcd?.object.metadata.namespace).toBe('openshift-etcd');
    expect(etcd?.object.spec.containers.map((c) => c.name)).toEqual(['etcdctl', 'etcd', 'etcd-metrics', 'etcd-readyz', 'etcd-rev']);
    const result = await execIn(etcd?.containers['etcdctl'] as Container, ['etcdctl', 'get', '/kubernetes.io', '--prefix', '--keys-only']);
    expect(result.code).toBe(0);
    expect(listedKeys(result.stdout)).toEqual(cluster().seed.keys);
    expect(cluster().seed.keys.every((k) => k.startsWith('/kubernetes.io/'))).toBe(true);
    const shell = await execIn(etcd?.containers['etcdctl'] as Container, ['bash', '-c', 'echo $ETCDCTL_API']);
    expect(shell.stdout).toBe('3\n');
  });
});

describe.each(['k3s', 'managed'] as const)('profile %s', (profile) => {
  const cluster = useCluster({ profile, members: 1, seed: 'none' });

  it('serves no etcd and no kube-apiserver pod, while etcd itself runs where the API cannot reach it', async () => {
    const served = cluster().state.pods;
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((p) => ['etcd', 'kube-apiserver'].includes(p.object.metadata.labels?.['component'] ?? ''))).toEqual([]);
    expect(served.filter((p) => p.object.metadata.labels?.['app'] === 'etcd')).toEqual([]);
    expect(served.filter((p) => p.object.metadata.name.includes('etcd'))).toEqual([]);
    await cluster().etcd.etcdctl(['endpoint', 'health']);
    const annotations = cluster().state.nodes[0]?.metadata.annotations ?? {};
    if (profile === 'k3s') expect(annotations['k3s.io/node-args']).toBe('["server","--cluster-init"]');
    else expect(Object.keys(annotations).some((a) => a.startsWith('k3s.io/'))).toBe(false);
  });
});
