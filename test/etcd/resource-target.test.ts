/**
 * The resolver every reading command shares, over the committed demo snapshot (saved by real etcd) read with the
 * project's own reader: a namespaced resource named without -n takes the namespace the command supplies (the
 * kubeconfig context's), asked only then; -n, -A, keys and cluster-scoped resources never ask. And readKey, the
 * one-key read decode --snapshot and the resolver share, at the latest and at a given revision.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKey } from '../../src/etcd/key-value-source.js';
import { resolveKeyTarget, resolveOneKey, type TargetRequest } from '../../src/etcd/resource-target.js';
import { openSnapshotSource, type SnapshotSource } from '../../src/etcd/snapshot-source.js';

const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo.db');

let source: SnapshotSource;
beforeAll(() => {
  source = openSnapshotSource(demo);
});
afterAll(async () => {
  await source.close();
});

/** A namespace default that counts how often it is asked. */
function contextNamespace(namespace: string): { asked: number; defaultNamespace: () => Promise<string> } {
  const counter = {
    asked: 0,
    defaultNamespace: async () => {
      counter.asked++;
      return namespace;
    },
  };
  return counter;
}

async function resolve(request: TargetRequest) {
  return resolveKeyTarget(source, source.keyPrefix(), request, { guessKeys: true });
}

describe('the namespace a resource is read from', () => {
  it('is the one supplied when -n is absent, for built-in and custom resources', async () => {
    const context = contextNamespace('shop');
    expect(await resolve({ target: 'deploy', defaultNamespace: context.defaultNamespace })).toEqual({
      key: '/registry/deployments/shop/',
      exact: false,
      what: 'deployments.apps in namespace shop',
      emptyListing: 'No resources found in shop namespace.',
    });
    expect((await resolve({ target: 'deploy', name: 'web', defaultNamespace: context.defaultNamespace })).key).toBe('/registry/deployments/shop/web');
    // The CRD is read from the snapshot to learn that crontabs are namespaced.
    expect((await resolve({ target: 'crontabs', defaultNamespace: context.defaultNamespace })).key).toBe('/registry/stable.example.com/crontabs/shop/');
    expect((await resolveOneKey(source, '/registry', { target: 'deploy/web', defaultNamespace: context.defaultNamespace })).what).toBe('deployments.apps "web" in namespace shop');
    expect(context.asked).toBe(4);
  });

  it('is default when none is supplied', async () => {
    expect((await resolve({ target: 'configmaps' })).key).toBe('/registry/configmaps/default/');
  });

  it('is not asked for with -n, -A, a key, a guessed key or a cluster-scoped resource', async () => {
    const context = contextNamespace('shop');
    const { defaultNamespace } = context;
    expect((await resolve({ target: 'deploy', namespace: 'kube-system', defaultNamespace })).key).toBe('/registry/deployments/kube-system/');
    expect((await resolve({ target: 'deploy', allNamespaces: true, defaultNamespace })).key).toBe('/registry/deployments/');
    expect((await resolve({ target: '/registry/deployments/shop/web', defaultNamespace })).key).toBe('/registry/deployments/shop/web');
    expect((await resolve({ target: '/registry/deployments/', prefix: true, defaultNamespace })).exact).toBe(false);
    expect((await resolve({ target: 'compact_rev_key', defaultNamespace })).guessedKey).toBe(true);
    expect((await resolve({ target: 'namespaces', defaultNamespace })).key).toBe('/registry/namespaces/');
    expect((await resolve({ target: 'priorityclasses', name: 'system-node-critical', defaultNamespace })).key).toBe('/registry/priorityclasses/system-node-critical');
    expect(context.asked).toBe(0);
  });
});

describe('readKey', () => {
  const key = Buffer.from('/registry/deployments/shop/web');

  it('reads one key as the range read does, and nothing for a key that is not there', async () => {
    const kvs = [];
    for await (const page of source.range({ key })) kvs.push(...page.kvs);
    expect(kvs).toHaveLength(1);
    expect(await readKey(source, key)).toEqual(kvs[0]);
    expect(await readKey(source, Buffer.from('/registry/deployments/shop/nope'))).toBeUndefined();
    // A key that is only a prefix of others is not read as them.
    expect(await readKey(source, Buffer.from('/registry/deployments/shop/'))).toBeUndefined();
  });

  it('reads at a revision: the demo seed is written at revision 2, so revision 1 holds nothing', async () => {
    expect((await readKey(source, key, { revision: 2 }))?.modRevision).toBe(2);
    expect(await readKey(source, key, { revision: 1 })).toBeUndefined();
    await expect(readKey(source, key, { revision: 3 })).rejects.toThrow(/revision 3 is newer than the snapshot's revision 2/);
  });
});
