/**
 * The key layout against real serialization: every Kubernetes fixture's kind maps to the key the test cluster
 * stores it under (an independent table written from the field notes) and back to its own kind, and every
 * built-in type names a message the codec can decode values stored without a type with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../src/codec/envelope.js';
import { schemaRegistry } from '../../src/codec/schema/registry.js';
import {
  apiVersionOf,
  builtinResourceTypes,
  crdKey,
  kubectlName,
  namesResourceType,
  parseKey,
  resolveResourceName,
  resourceKeyRange,
  resourceTypeFromCrd,
  type ResourceType,
} from '../../src/etcd/key-layout.js';
import { customResourceKey, storageKey } from '../cluster/key-layout.js';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';

function builtinType(resource: string, group = ''): ResourceType {
  const type = builtinResourceTypes.find((t) => t.resource === resource && t.group === group);
  if (type === undefined) throw new Error(`no built-in ${resource}.${group}`);
  return type;
}

function resolved(text: string): ResourceType | string {
  const result = resolveResourceName(text);
  return result.kind === 'builtin' ? result.type : `${result.kind}:${'group' in result ? `${result.name}.${result.group}` : result.name}`;
}

describe('resource names on the command line', () => {
  it('resolves plurals, singulars, short names and kinds in any case', () => {
    expect(resolved('deployments')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('deployment')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('deploy')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('Deployment')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('po')).toBe(builtinType('pods'));
    expect(resolved('svc')).toBe(builtinType('services'));
    expect(resolved('cm')).toBe(builtinType('configmaps'));
    expect(resolved('ns')).toBe(builtinType('namespaces'));
    expect(resolved('no')).toBe(builtinType('nodes'));
    expect(resolved('ep')).toBe(builtinType('endpoints'));
    expect(resolved('rc')).toBe(builtinType('replicationcontrollers'));
    expect(resolved('ing')).toBe(builtinType('ingresses', 'networking.k8s.io'));
    expect(resolved('crd')).toBe(builtinType('customresourcedefinitions', 'apiextensions.k8s.io'));
    expect(resolved('CRDS')).toBe(builtinType('customresourcedefinitions', 'apiextensions.k8s.io'));
  });

  it('prefers the core group, as kubectl does, and takes a group or version.group qualifier', () => {
    expect(resolved('events')).toBe(builtinType('events'));
    expect(resolved('ev')).toBe(builtinType('events'));
    expect(resolved('events.events.k8s.io')).toBe(builtinType('events', 'events.k8s.io'));
    expect(resolved('deployments.apps')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('deploy.v1.apps')).toBe(builtinType('deployments', 'apps'));
    expect(resolved('ingresses.networking.k8s.io')).toBe(builtinType('ingresses', 'networking.k8s.io'));
  });

  it('leaves custom resources to their CRDs: qualified names carry the group, bare ones need a lookup', () => {
    expect(resolved('crontabs.stable.example.com')).toBe('custom:crontabs.stable.example.com');
    expect(resolved('crontabs.v1.stable.example.com')).toBe('custom:crontabs.stable.example.com');
    expect(resolved('ct')).toBe('unknown:ct');
    expect(resolved('CronTab')).toBe('unknown:crontab');
  });
});

describe('resources to keys', () => {
  it('puts namespaced objects under their namespace and cluster-scoped ones directly under the resource', () => {
    expect(resourceKeyRange('/registry', builtinType('deployments', 'apps'), { namespace: 'default' })).toEqual({ key: '/registry/deployments/default/', exact: false });
    expect(resourceKeyRange('/registry', builtinType('deployments', 'apps'), { namespace: 'default', name: 'nginx' })).toEqual({ key: '/registry/deployments/default/nginx', exact: true });
    expect(resourceKeyRange('/registry', builtinType('pods'), {})).toEqual({ key: '/registry/pods/', exact: false });
    expect(resourceKeyRange('/registry/', builtinType('nodes'), { namespace: 'ignored', name: 'node1' })).toEqual({ key: '/registry/minions/node1', exact: true });
    expect(resourceKeyRange('/kubernetes.io', builtinType('services'), { namespace: 'shop' })).toEqual({ key: '/kubernetes.io/services/specs/shop/', exact: false });
    expect(() => resourceKeyRange('/registry', builtinType('pods'), { name: 'web' })).toThrow(/namespaced/);
  });

  it('uses the storage layer names (minions, services/specs, services/endpoints, controllers, ingress, grouped paths)', () => {
    const key = (resource: string, group = '') => resourceKeyRange('/registry', builtinType(resource, group), { namespace: 'ns', name: 'x' }).key;
    expect(key('nodes')).toBe('/registry/minions/x');
    expect(key('services')).toBe('/registry/services/specs/ns/x');
    expect(key('endpoints')).toBe('/registry/services/endpoints/ns/x');
    expect(key('replicationcontrollers')).toBe('/registry/controllers/ns/x');
    expect(key('ingresses', 'networking.k8s.io')).toBe('/registry/ingress/ns/x');
    expect(key('customresourcedefinitions', 'apiextensions.k8s.io')).toBe('/registry/apiextensions.k8s.io/customresourcedefinitions/x');
    expect(key('apiservices', 'apiregistration.k8s.io')).toBe('/registry/apiregistration.k8s.io/apiservices/x');
  });

  it('agrees with the test cluster key table for every built-in kind', () => {
    for (const type of builtinResourceTypes) {
      const expected = storageKey('/registry', { kind: type.kind, name: 'obj', namespace: 'ns' });
      expect(resourceKeyRange('/registry', type, { namespace: 'ns', name: 'obj' }).key, `${type.resource}.${type.group}`).toBe(expected);
    }
  });

  it('reads a custom resource type from its CRD (v1 and the v1beta1 form the API server stores)', () => {
    const v1 = resourceTypeFromCrd({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', singular: 'crontab', shortNames: ['ct'], kind: 'CronTab' },
        versions: [{ name: 'v1beta1', served: true, storage: false }, { name: 'v1', served: true, storage: true }],
      },
    });
    expect(v1).toEqual({
      resource: 'crontabs', singular: 'crontab', kind: 'CronTab', group: 'stable.example.com', version: 'v1',
      namespaced: true, shortNames: ['ct'], storagePath: 'stable.example.com/crontabs',
    });
    if (v1 === undefined) return;
    expect(namesResourceType(v1, 'ct') && namesResourceType(v1, 'crontab') && namesResourceType(v1, 'crontabs')).toBe(true);
    expect(resourceKeyRange('/registry', v1, { namespace: 'shop', name: 'nightly' }).key).toBe(customResourceKey('/registry', 'stable.example.com', 'crontabs', 'nightly', 'shop'));
    const v1beta1 = resourceTypeFromCrd({ spec: { group: 'x.io', version: 'v2', scope: 'Cluster', names: { plural: 'things', kind: 'Thing' } } });
    expect(v1beta1).toMatchObject({ singular: 'thing', version: 'v2', namespaced: false, storagePath: 'x.io/things' });
    expect(resourceTypeFromCrd({ spec: { group: 'x.io' } })).toBeUndefined();
    expect(crdKey('/registry', 'crontabs', 'stable.example.com')).toBe('/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com');
  });
});

describe('keys to resources', () => {
  it('finds resource, namespace and name for built-in, custom and system keys', () => {
    expect(parseKey('/registry', '/registry/deployments/default/nginx')).toMatchObject({ resource: 'deployments', namespace: 'default', name: 'nginx', type: { kind: 'Deployment', group: 'apps' } });
    expect(parseKey('/registry', '/registry/services/specs/default/kubernetes')).toMatchObject({ resource: 'services', namespace: 'default', name: 'kubernetes', type: { kind: 'Service' } });
    expect(parseKey('/registry', '/registry/minions/node1')).toMatchObject({ resource: 'nodes', namespace: undefined, name: 'node1', type: { kind: 'Node' } });
    expect(parseKey('/registry', '/registry/events/shop/web.17f')).toMatchObject({ type: { kind: 'Event', group: '' } });
    expect(parseKey('/registry', '/registry/stable.example.com/crontabs/shop/nightly')).toEqual({ type: undefined, resource: 'crontabs.stable.example.com', namespace: 'shop', name: 'nightly' });
    expect(parseKey('/registry', '/registry/example.com/widgets/w1')).toEqual({ type: undefined, resource: 'widgets.example.com', namespace: undefined, name: 'w1' });
    expect(parseKey('/registry', '/registry/masterleases/10.0.0.1')).toMatchObject({ name: '10.0.0.1', type: { kind: 'Endpoints', version: 'v1' } });
    expect(parseKey('/registry', '/registry/ranges/serviceips')).toMatchObject({ name: 'serviceips', type: { kind: 'RangeAllocation' } });
    expect(parseKey('/kubernetes.io/', '/kubernetes.io/pods/a/b')).toMatchObject({ namespace: 'a', name: 'b' });
  });

  it('declines keys outside the prefix or the layout', () => {
    expect(parseKey('/registry', 'compact_rev_key')).toBeUndefined();
    expect(parseKey('/registry', '/registryx/pods/a/b')).toBeUndefined();
    expect(parseKey('/registry', '/registry/pods/a/b/c')).toBeUndefined();
    expect(parseKey('/registry', '/registry/pods/only-one')).toBeUndefined();
    expect(parseKey('/registry', '/registry/minions/ns/node1')).toBeUndefined();
    expect(parseKey('/registry', '/registry/lonely')).toBeUndefined();
  });

  it('gives every built-in type an apiVersion and kind the codec has a schema for', () => {
    const registry = schemaRegistry();
    const missing = builtinResourceTypes.filter((type) => registry.messageForKind(apiVersionOf(type), type.kind) === undefined);
    expect(missing.map((type) => `${apiVersionOf(type)} ${type.kind}`)).toEqual([]);
  });

  it('prints kubectl -o name forms', () => {
    expect(kubectlName('Deployment', 'apps', 'web')).toBe('deployment.apps/web');
    expect(kubectlName('Pod', '', 'web-1')).toBe('pod/web-1');
    expect(kubectlName('CronTab', 'stable.example.com', 'nightly')).toBe('crontab.stable.example.com/nightly');
  });
});

describe.skipIf(!hasFixtures)(`keys of real Kubernetes objects${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  it('maps every stored fixture kind to its key and the key back to the kind in the value', () => {
    const dir = join(fixturesDir, 'HEAD');
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pb') && !f.includes('after_roundtrip'))) {
      const envelope = readEnvelope(readFileSync(join(dir, file)));
      const metadata = (JSON.parse(readFileSync(join(dir, file.replace(/\.pb$/, '.json')), 'utf8')) as { metadata?: { name?: string; namespace?: string } }).metadata ?? {};
      const key = storageKey('/registry', { kind: envelope.kind, name: metadata.name ?? 'unnamed', namespace: metadata.namespace });
      if (key === undefined) continue;
      const address = parseKey('/registry', key);
      expect(address?.type?.kind, key).toBe(envelope.kind);
      // RangeAllocation lives under a fixed key, whatever its object is named.
      if (envelope.kind !== 'RangeAllocation') expect(address?.name).toBe(metadata.name ?? 'unnamed');
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });
});
