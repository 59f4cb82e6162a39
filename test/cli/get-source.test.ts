/**
 * `get` over a KeyValueSource reading the stand-in cluster's real etcd (demo seed) through the real etcdctl:
 * addressing, paging, streaming output against the whole-List printers, not found, encrypted values, --rev,
 * --limit, and etcdctl-json against etcdctl's own output.
 */
import { describe, expect, it } from 'vitest';
import { readEncryptionConfig } from '../../src/codec/encryption-config.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import type { JsonObject } from '../../src/codec/value.js';
import { runGet, type GetOutput, type GetRequest } from '../../src/cli/get.js';
import { UserError } from '../../src/cli/exit-codes.js';
import { parseRangeResponse } from '../../src/etcd/etcdctl-json.js';
import type { KeyValueSource, RangeRequest } from '../../src/etcd/key-value-source.js';
import { toKubectlJson } from '../../src/render/json.js';
import { listOf } from '../../src/render/stored-object.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import { useCluster } from '../cluster/harness.js';
import { etcdctlSource } from './etcdctl-source.js';

interface Captured {
  stdout: Buffer;
  stderr: string;
  code: number | string;
  writes: number;
}

/** A source that serves `pageSize` keys a page, to make small listings span many pages. */
function smallPages(source: KeyValueSource, pageSize: number): KeyValueSource {
  return { ...source, range: (request: RangeRequest, options) => source.range(request, { ...options, pageSize: Math.min(pageSize, options?.pageSize ?? pageSize) }) };
}

describe('get over real etcd (kubeadm, demo seed)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });

  async function get(request: GetRequest, pageSize = 500): Promise<Captured> {
    const chunks: Buffer[] = [];
    let stderr = '';
    const output: GetOutput = {
      out: async (data) => {
        chunks.push(Buffer.from(data));
      },
      err: (line) => {
        stderr += `${line}\n`;
      },
    };
    let code: number | string;
    try {
      code = await runGet(smallPages(etcdctlSource(cluster().etcd), pageSize), cluster().etcdPrefix, request, output);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      stderr += `error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`;
      code = error.exitCode;
    }
    return { stdout: Buffer.concat(chunks), stderr, code, writes: chunks.length };
  }

  /** What etcd holds under a prefix, decoded independently of `get`: etcdctl in one request, then the codec. */
  async function decodedUnder(prefix: string): Promise<JsonObject[]> {
    const { stdout } = await cluster().etcd.etcdctl(['get', prefix, '--prefix', '-w', 'json']);
    return parseRangeResponse(stdout.toString('utf8')).kvs.map((kv) => {
      const decoded = decodeStoredValue(kv.value);
      if (decoded.status !== 'decoded') throw new Error(`${kv.key.toString()} did not decode`);
      return decoded.object;
    });
  }

  it('streams a resource list page by page as exactly the List kubectl would print', async () => {
    const expected = await decodedUnder('/registry/pods/');
    expect(expected.length).toBeGreaterThan(4);
    const yaml = await get({ target: 'pods', allNamespaces: true, format: 'yaml' }, 2);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout.toString('utf8')).toBe(toKubectlYaml(listOf(expected)));
    // One write per page of two, and the List's end.
    expect(yaml.writes).toBe(Math.ceil(expected.length / 2) + 1);
    const json = await get({ target: 'po', allNamespaces: true, format: 'json' }, 3);
    expect(json.stdout.toString('utf8')).toBe(toKubectlJson(listOf(expected)));
  });

  it('prints one object by resource and name, or by key, as decode would', async () => {
    const [deployment] = await decodedUnder('/registry/deployments/shop/web');
    const byName = await get({ target: 'deploy', name: 'web', namespace: 'shop' });
    expect(byName).toMatchObject({ code: 0, stderr: '' });
    expect(byName.stdout.toString('utf8')).toBe(toKubectlYaml(deployment as JsonObject));
    const byKey = await get({ target: '/registry/deployments/shop/web', format: 'json' });
    expect(byKey.stdout.toString('utf8')).toBe(toKubectlJson(deployment as JsonObject));
    const slashForm = await get({ target: 'deployments.apps/web', namespace: 'shop', format: 'name' });
    expect(slashForm.stdout.toString('utf8')).toBe('deployment.apps/web\n');
  });

  it('finds custom resources through their CRD in etcd, by plural.group and by short name', async () => {
    const all = await get({ target: 'crontabs.stable.example.com', allNamespaces: true, format: 'name' });
    expect(all.stdout.toString('utf8')).toBe('crontab.stable.example.com/cache-warmer\ncrontab.stable.example.com/nightly-report\n');
    const shop = await get({ target: 'ct', namespace: 'shop', format: 'table' });
    expect(shop.stdout.toString('utf8').split('\n')[1]).toMatch(/^\/registry\/stable\.example\.com\/crontabs\/shop\/nightly-report\s+shop\s+nightly-report\s+CronTab\s+\d+\s+\d+$/);
    const missing = await get({ target: 'widgets.example.com' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no CustomResourceDefinition widgets.example.com in etcd');
  });

  it('prints tables with columns aligned across pages, as kubectl does', async () => {
    const table = await get({ target: 'configmaps', allNamespaces: true }, 2);
    const lines = table.stdout.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY +NAMESPACE +NAME +KIND +SIZE +REVISION$/);
    expect(lines.length).toBe(1 + (await decodedUnder('/registry/configmaps/')).length);
    // Every column starts where its header does: after a space, with a non-space.
    const starts = [...(lines[0] as string).matchAll(/(?<= )\S/g)].map((m) => m.index);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/ConfigMap +\d+ +\d+$/);
      for (const start of starts) expect(`${line[start - 1]}${line[start]}`, line).toMatch(/^ \S$/);
    }
    const wide = await get({ target: '/registry/configmaps/shop/', prefix: true, format: 'wide' });
    expect(wide.stdout.toString('utf8')).toMatch(/^KEY +NAMESPACE +NAME +KIND +SIZE +REVISION +APIVERSION +ENCODING +CREATE REVISION +VERSION +LEASE\n/);
    expect(wide.stdout.toString('utf8')).toMatch(/\/registry\/configmaps\/shop\/web-config +shop +web-config +ConfigMap +\d+ +\d+ +v1 +protobuf +\d+ +1 +<none>\n/);
  });

  it('shows leases in hex as etcdctl does', async () => {
    const events = await get({ target: 'events', namespace: 'shop', format: 'wide', limit: 1 });
    expect(events.stdout.toString('utf8')).toContain(` ${cluster().seed.eventLease}\n`);
  });

  it('says what is missing: a key, an object, a prefix, an empty namespace, an unknown word', async () => {
    const key = await get({ target: '/registry/deployments/shop/nope' });
    expect(key).toMatchObject({ code: 1, stderr: 'error: key /registry/deployments/shop/nope not found\n' });
    expect((await get({ target: '/registry/deployments' })).stderr).toContain('hint: there are keys under /registry/deployments/: add --prefix to list them');
    const object = await get({ target: 'deploy', name: 'nope', namespace: 'shop' });
    expect(object.stderr).toBe('error: deployments.apps "nope" in namespace shop (key /registry/deployments/shop/nope) not found\n');
    const prefix = await get({ target: '/registry/nothing/', prefix: true });
    expect(prefix).toMatchObject({ code: 1, stderr: 'error: no keys under /registry/nothing/\n' });
    const empty = await get({ target: 'deploy', namespace: 'kube-public' });
    expect(empty).toMatchObject({ code: 0, stderr: 'No resources found in kube-public namespace.\n' });
    expect(empty.stdout.length).toBe(0);
    const emptyYaml = await get({ target: 'deploy', namespace: 'kube-public', format: 'yaml' });
    expect(emptyYaml.stdout.toString('utf8')).toBe(toKubectlYaml(listOf([])));
    const word = await get({ target: 'compact_rev_keyz' });
    expect(word).toMatchObject({ code: 1 });
    expect(word.stderr).toContain('"compact_rev_keyz" is neither a resource type nor a key in etcd');
  });

  it('shows an encrypted Secret as its stand-in with exit status 3, and decrypted with the EncryptionConfiguration', async () => {
    const key = cluster().seed.encryptedSecretKey as string;
    const plain = await get({ target: key });
    expect(plain.code).toBe(3);
    expect(plain.stdout.toString('utf8')).toMatch(/^apiVersion: kubectl-etcd.io\/v1\n[^]*kind: EncryptedValue\n[^]*provider: aescbc\n/);
    expect(plain.stderr).toContain(`error: ${key} is encrypted at rest (aescbc, key key1)`);
    const keyRing = await readEncryptionConfig(cluster().encryptionConfigPath as string);
    const decrypted = await get({ target: 'secret', name: 'db-encrypted', namespace: 'default', keyRing, format: 'wide' });
    expect(decrypted.code).toBe(0);
    expect(decrypted.stdout.toString('utf8')).toMatch(/ Secret +\d+ +\d+ +v1 +protobuf, aescbc /);
  });

  it('stops at --limit and reads an earlier revision with --rev', async () => {
    const limited = await get({ target: '/registry/', prefix: true, format: 'key', limit: 3 }, 2);
    expect(limited.stdout.toString('utf8').split('\n')).toHaveLength(4);
    const key = '/registry/configmaps/default/rev-test';
    await cluster().etcd.etcdctl(['put', key, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"rev-test"},"data":{"v":"1"}}']);
    const { stdout } = await cluster().etcd.etcdctl(['get', key, '-w', 'json']);
    const first = parseRangeResponse(stdout.toString('utf8')).kvs[0]?.modRevision as number;
    await cluster().etcd.etcdctl(['put', key, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"rev-test"},"data":{"v":"2"}}']);
    expect((await get({ target: key, format: 'json', revision: first })).stdout.toString('utf8')).toContain('"v": "1"');
    expect((await get({ target: key, format: 'json' })).stdout.toString('utf8')).toContain('"v": "2"');
  });

  it('prints etcdctl-json that carries the same keys, values and revisions as etcdctl prints', async () => {
    const ours = await get({ target: '/registry/services/', prefix: true, format: 'etcdctl-json' }, 1);
    const theirs = await cluster().etcd.etcdctl(['get', '/registry/services/', '--prefix', '-w', 'json']);
    const parsed = parseRangeResponse(ours.stdout.toString('utf8'));
    const expected = parseRangeResponse(theirs.stdout.toString('utf8'));
    expect(parsed.kvs).toEqual(expected.kvs);
    expect(parsed.count).toBe(expected.count);
    expect(parsed.header.revision).toBe(expected.header.revision);
    const keysOnly = await get({ target: '/registry/services/', prefix: true, format: 'etcdctl-json', keysOnly: true });
    expect(parseRangeResponse(keysOnly.stdout.toString('utf8')).kvs.map((kv) => [kv.key.toString(), kv.value.length])).toEqual(expected.kvs.map((kv) => [kv.key.toString(), 0]));
  });

  it('refuses formats that cannot work: raw for a list, values with --keys-only, names with keys', async () => {
    expect(await get({ target: 'pods', format: 'raw' })).toMatchObject({ code: 2 });
    expect(await get({ target: 'pods', keysOnly: true, format: 'yaml' })).toMatchObject({ code: 2 });
    expect(await get({ target: '/registry/pods', name: 'x' })).toMatchObject({ code: 2 });
    expect(await get({ target: '/registry/pods', namespace: 'x' })).toMatchObject({ code: 2 });
    expect(await get({ target: 'pods', name: 'x', allNamespaces: true })).toMatchObject({ code: 2 });
  });
});
