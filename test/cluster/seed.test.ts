import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';
import type { EtcdCluster } from './etcd.js';
import { useCluster } from './harness.js';

async function listedKeys(etcd: EtcdCluster, prefix: string): Promise<string[]> {
  const { stdout } = await etcd.etcdctl(['get', prefix, '--prefix', '--keys-only']);
  return stdout.toString('utf8').split('\n').filter(Boolean).sort();
}

async function storedValue(etcd: EtcdCluster, key: string): Promise<Buffer> {
  const { stdout } = await etcd.etcdctl(['get', key, '--print-value-only']);
  // etcdctl ends the value with a newline of its own.
  return stdout.subarray(0, stdout.length - 1);
}

describe.skipIf(!hasFixtures)(`the fixtures seed${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 1, seed: 'fixtures' });

  it('writes exactly the reported keys, as real etcdctl lists them', async () => {
    const { etcd, seed } = cluster();
    expect(await listedKeys(etcd, '/registry')).toEqual(seed.keys);
    expect(seed.keys.length).toBeGreaterThan(150);
  });

  it('follows the storage key layout: minions, services/specs, services/endpoints, controllers, ingress, group-prefixed CRDs', () => {
    const { keys } = cluster().seed;
    for (const key of [
      '/registry/minions/nameValue',
      '/registry/services/specs/namespaceValue/nameValue',
      '/registry/services/endpoints/namespaceValue/nameValue',
      '/registry/controllers/namespaceValue/nameValue',
      '/registry/ingress/namespaceValue/nameValue',
      '/registry/deployments/namespaceValue/nameValue',
      '/registry/persistentvolumes/nameValue',
      '/registry/ranges/serviceips',
      '/registry/apiextensions.k8s.io/customresourcedefinitions/nameValue',
      '/registry/stable.example.com/crontabs/shop/nightly-report',
    ]) {
      expect(keys, key).toContain(key);
    }
    expect(keys.filter((k) => k.startsWith('/registry/nodes/') || k.startsWith('/registry/services/namespaceValue'))).toEqual([]);
  });

  it('stores the bytes Kubernetes serialized, unchanged', async () => {
    const { etcd } = cluster();
    const expected = readFileSync(join(fixturesDir, 'v1.36.0/core.v1.Pod.pb'));
    expect((await storedValue(etcd, '/registry/pods/namespaceValue/nameValue')).equals(expected)).toBe(true);
  });

  it('leaves out kinds the API server never stores', () => {
    const { notStored } = cluster().seed;
    expect(notStored).toContain('v1.36.0/authentication.k8s.io.v1.TokenReview');
    expect(notStored).toContain('v1.36.0/core.v1.PodExecOptions');
  });

  it('stores one Secret encrypted with aescbc and writes its EncryptionConfiguration beside the kubeconfig', async () => {
    const { etcd, seed, encryptionConfigPath, kubeconfigPath } = cluster();
    expect(seed.encryptedSecretKey).toBe('/registry/secrets/default/db-encrypted');
    const value = await storedValue(etcd, seed.encryptedSecretKey ?? '');
    expect(value.subarray(0, 23).toString()).toBe('k8s:enc:aescbc:v1:key1:');
    expect(value.includes(Buffer.from('encrypted-at-rest'))).toBe(false);
    expect(join(encryptionConfigPath ?? '', '..')).toBe(join(kubeconfigPath, '..'));
    expect(readFileSync(encryptionConfigPath ?? '', 'utf8')).toMatch(/kind: EncryptionConfiguration[\s\S]*aescbc[\s\S]*name: key1/);
  });
});

describe('the demo seed', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 1, seed: 'demo' });

  it('writes a small realistic cluster under /registry, protobuf for built-in kinds and JSON for custom resources', async () => {
    const { etcd, seed } = cluster();
    expect(await listedKeys(etcd, '/registry')).toEqual(seed.keys);
    for (const resource of ['namespaces', 'deployments', 'replicasets', 'pods', 'services/specs', 'services/endpoints', 'configmaps', 'secrets', 'leases', 'events']) {
      expect(seed.keys.some((k) => k.startsWith(`/registry/${resource}/`)), resource).toBe(true);
    }
    const deployment = await storedValue(etcd, '/registry/deployments/shop/web');
    expect(deployment.subarray(0, 4).toString('hex')).toBe('6b387300');
    const crd = await storedValue(etcd, '/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com');
    expect(JSON.parse(crd.toString('utf8'))).toMatchObject({ apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition' });
    const cronTab = await storedValue(etcd, '/registry/stable.example.com/crontabs/shop/nightly-report');
    expect(JSON.parse(cronTab.toString('utf8'))).toMatchObject({ kind: 'CronTab', metadata: { name: 'nightly-report' } });
  });

  it('attaches every event to one shared etcd lease, and nothing else', async () => {
    const { etcd, seed } = cluster();
    expect(seed.leasedKeys.length).toBeGreaterThan(4);
    expect(seed.leasedKeys.every((k) => k.startsWith('/registry/events/'))).toBe(true);
    const { stdout } = await etcd.etcdctl(['lease', 'timetolive', seed.eventLease ?? '', '--keys']);
    const attached = stdout.toString('utf8');
    for (const key of seed.leasedKeys) expect(attached).toContain(key);
    expect(attached).not.toContain('/registry/pods/');
  });
});
