/**
 * The built kubectl-etcd against the stand-in cluster (kubeadm, one member, demo seed), as a user runs it: what it
 * prints, its exit status, and what etcd holds afterwards (checked with the real etcdctl). Also through the real
 * kubectl's plugin mechanism, and with a key that would break any shell.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import type { JsonObject } from '../../src/codec/value.js';
import { parseRangeResponse, type KeyValue } from '../../src/etcd/etcdctl-json.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { listOf } from '../../src/render/stored-object.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import { locateProgram } from '../cluster/host-tools.js';
import { kubectlUnavailable } from '../cluster/kubectl-runner.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { pluginPath, runProgram, useClusterCli } from './cli-runner.js';

const unavailable = clusterUnavailable();

describe.skipIf(unavailable)(`kubectl etcd commands (kubeadm, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const { cluster, cli, home } = useClusterCli({ profile: 'kubeadm', seed: 'demo' });

  async function etcdGet(key: string, ...flags: string[]): Promise<KeyValue[]> {
    const { stdout } = await cluster().etcd.etcdctl(['get', '-w', 'json', ...flags, '--', key]);
    return parseRangeResponse(stdout.toString('utf8')).kvs;
  }

  function decoded(kv: KeyValue | undefined): JsonObject {
    const value = decodeStoredValue(kv?.value ?? Buffer.alloc(0));
    if (value.status !== 'decoded') throw new Error(`not decodable: ${kv?.key.toString()}`);
    return value.object;
  }

  describe('get', () => {
    it('prints a resource list decoded, byte for byte what kubectl -o yaml prints for the same objects', async () => {
      const run = await cli(['get', 'deploy', '-A', '-o', 'yaml']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.out).toBe(toKubectlYaml(listOf((await etcdGet('/registry/deployments/', '--prefix')).map(decoded))));
    });

    it('prints one object by short name, name and namespace; a missing one is exit 1 with a clear message', async () => {
      const run = await cli(['get', 'svc', 'web', '-n', 'shop']);
      expect(run.code).toBe(0);
      expect(run.out).toBe(toKubectlYaml(decoded((await etcdGet('/registry/services/specs/shop/web'))[0])));
      const missing = await cli(['get', 'svc', 'nope', '-n', 'shop']);
      expect(missing).toMatchObject({ code: 1, out: '' });
      expect(missing.stderr).toBe('error: services "nope" in namespace shop (key /registry/services/specs/shop/nope) not found\n');
    });

    it('lists keys as a kubectl-style table, and keys only', async () => {
      const table = await cli(['get', 'ns']);
      expect(table.out).toMatch(/^KEY {3,}NAMESPACE {3,}NAME {3,}KIND {3,}SIZE {3,}REVISION\n\/registry\/namespaces\/default {3,}<none> {3,}default {3,}Namespace {3,}\d+ {3,}\d+\n/);
      expect(table.out.trimEnd().split('\n')).toHaveLength(6);
      const keys = await cli(['get', '/registry/namespaces/', '--prefix', '--keys-only']);
      expect(keys.out).toBe('/registry/namespaces/default\n/registry/namespaces/kube-node-lease\n/registry/namespaces/kube-public\n/registry/namespaces/kube-system\n/registry/namespaces/shop\n');
    });

    it('shows the encrypted Secret as a stand-in with exit 3, decrypted with --encryption-config', async () => {
      const key = cluster().seed.encryptedSecretKey as string;
      const run = await cli(['get', key, '-o', 'json']);
      expect(run.code).toBe(3);
      expect(parseJsonExact(run.out)).toMatchObject({ apiVersion: 'kubectl-etcd.io/v1', kind: 'EncryptedValue', key, provider: 'aescbc', keyName: 'key1' });
      const clear = await cli(['get', 'secrets', 'db-encrypted', '-o', 'json', '--encryption-config', cluster().encryptionConfigPath as string]);
      expect(clear.code).toBe(0);
      expect(parseJsonExact(clear.out)).toMatchObject({ kind: 'Secret', data: { password: Buffer.from('encrypted-at-rest').toString('base64') } });
    });

    it('prints the stored bytes with -o raw, and etcdctl-json as etcdctl does', async () => {
      const [stored] = await etcdGet('/registry/configmaps/shop/web-config');
      const raw = await cli(['get', '/registry/configmaps/shop/web-config', '-o', 'raw']);
      expect(raw.stdout.equals(stored?.value as Buffer)).toBe(true);
      const json = await cli(['get', 'cm', '-n', 'shop', '-o', 'etcdctl-json']);
      expect(parseRangeResponse(json.out).kvs).toEqual(await etcdGet('/registry/configmaps/shop/', '--prefix'));
    });

    it('shows with -v the pod, container, certificates and etcdctl argv', async () => {
      const run = await cli(['get', 'ns', 'shop', '-v']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('kube-system/etcd-control-plane-1');
      expect(run.stderr).toContain('(container etcd)');
      expect(run.stderr).toContain('/etc/kubernetes/pki/etcd/ca.crt');
      expect(run.stderr).toMatch(/exec "etcdctl" .*"get" .*"\/registry\/namespaces\/shop"/);
    });
  });

  it('ls shows the keyspace as a tree with counts and bytes that add up to what etcd holds', async () => {
    const kvs = await etcdGet('/registry/', '--prefix');
    const run = await cli(['ls', '-o', 'json', '--depth', '1']);
    expect(run.code).toBe(0);
    const tree = parseJsonExact(run.out) as { path: string; keys: number; bytes: number; children: { path: string; keys: number; bytes: number }[] };
    expect(tree).toMatchObject({ path: '/registry/', keys: kvs.length, bytes: kvs.reduce((sum, kv) => sum + kv.value.length, 0) });
    const pods = tree.children.find((child) => child.path === 'pods/');
    const podKvs = kvs.filter((kv) => kv.key.toString().startsWith('/registry/pods/'));
    expect(pods).toMatchObject({ keys: podKvs.length, bytes: podKvs.reduce((sum, kv) => sum + kv.value.length, 0) });
    const text = await cli(['ls', '/registry/pods/', '-d', '1']);
    expect(text.out).toMatch(/^KEYS {3,}SIZE {3,}PATH\n5 {3,}[\d.]+ KiB {3,}\/registry\/pods\/\n2 {3,}[\d.]+ KiB {3,}├── kube-system\/\n3 {3,}[\d.]+ KiB {3,}└── shop\/\n$/);
  });

  it('member list and endpoint status/health show the member with its ID in hex, as etcdctl prints it', async () => {
    const { stdout } = await cluster().etcd.etcdctl(['member', 'list']);
    const etcdctlId = stdout.toString('utf8').split(',')[0] as string;
    const members = await cli(['member', 'list']);
    expect(members.code).toBe(0);
    expect(members.out).toMatch(new RegExp(`^ID {3,}STATUS {3,}NAME {3,}PEER ADDRS {3,}CLIENT ADDRS {3,}IS LEARNER {3,}IS LEADER\\n${etcdctlId} {3,}started {3,}control-plane-1 .* true\\n$`));
    const status = await cli(['endpoint', 'status', '-o', 'json']);
    expect(status.code).toBe(0);
    expect(parseJsonExact(status.out)).toMatchObject({ endpoints: [{ id: etcdctlId, name: 'control-plane-1', isLeader: true, leader: etcdctlId }] });
    const health = await cli(['endpoint', 'health']);
    expect(health.out).toMatch(/^ENDPOINT {3,}ID {3,}NAME {3,}HEALTH {3,}TOOK {3,}ERROR\nhttps:\/\/127\.0\.0\.1:\d+ {3,}[0-9a-f]+ {3,}control-plane-1 {3,}true {3,}\S+ {3,}<none>\n$/);
  });

  it('etcdctl -- runs any etcdctl command in the pod, output untouched and exit status passed on', async () => {
    const run = await cli(['etcdctl', '--', 'get', '/registry/namespaces/shop', '--print-value-only']);
    expect(run.code).toBe(0);
    expect(run.stdout.equals(Buffer.concat([(await etcdGet('/registry/namespaces/shop'))[0]?.value as Buffer, Buffer.from('\n')]))).toBe(true);
    const failing = await cli(['etcdctl', '--', 'get']);
    expect(failing.code).not.toBe(0);
    expect(failing.stderr).toContain('Error: get command needs one argument as key');
  });

  describe('writes', () => {
    // Every shell would act on this key: were one involved anywhere, a file PWNED would appear in the scratch folder.
    let key: string;
    let pwned: string;
    beforeAll(() => {
      pwned = join(home(), 'PWNED');
      key = `/registry/configmaps/default/a b "quoted" 'single' $(touch ${pwned});echo x; \`touch ${pwned}\``;
    });
    const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: weird\n  namespace: default\ndata:\n  value: "${value}"\n`;

    it('put refuses without --yes when stdin is not a terminal, and etcd is unchanged', async () => {
      const file = join(home(), 'cm.yaml');
      await writeFile(file, configMap('refused'));
      const before = await etcdGet('/registry/configmaps/', '--prefix');
      const run = await cli(['put', key, '-f', file]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('without --yes: stdin is not a terminal');
      expect(await etcdGet('/registry/configmaps/', '--prefix')).toEqual(before);
    });

    it('put writes a key with spaces, quotes, $() and ; verbatim, encoded as the API server stores it, and get reads it back', async () => {
      const file = join(home(), 'cm.yaml');
      await writeFile(file, configMap('written'));
      const run = await cli(['put', key, '-f', file, '--yes']);
      expect(run).toMatchObject({ code: 0 });
      expect(run.out).toMatch(/^\/registry\/configmaps\/default\/a b .* written \(\d+ bytes, revision \d+\)\n$/);
      const [stored] = await etcdGet(key);
      expect(stored?.key.toString('utf8')).toBe(key);
      expect(stored?.value.subarray(0, 4).toString('latin1')).toBe('k8s\0');
      expect(decoded(stored)).toMatchObject({ kind: 'ConfigMap', data: { value: 'written' } });
      expect(existsSync(pwned)).toBe(false);
      const back = await cli(['get', key, '-o', 'json']);
      expect(parseJsonExact(back.out)).toMatchObject({ metadata: { name: 'weird' }, data: { value: 'written' } });
      const table = await cli(['get', '/registry/configmaps/default/', '--prefix']);
      const row = table.out.split('\n').find((line) => line.startsWith(key));
      // The path in the key makes it no object's key (names hold no slash): no namespace or name to show.
      expect(row?.slice(key.length).split(/ {3,}/)).toEqual(['', '<none>', '<none>', 'ConfigMap', String(stored?.value.length), String(stored?.modRevision)]);
    });

    it('put without a key writes where the API server keeps the object', async () => {
      const file = join(home(), 'web.yaml');
      const current = await cli(['get', 'cm', 'web-config', '-n', 'shop']);
      await writeFile(file, current.out.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'));
      const run = await cli(['put', '-f', file, '--yes']);
      expect(run.code).toBe(0);
      expect(decoded((await etcdGet('/registry/configmaps/shop/web-config'))[0])).toMatchObject({ data: { LOG_LEVEL: 'debug' } });
    });

    it('del refuses without --yes, shows the count for a prefix, and deletes with --yes', async () => {
      const before = await etcdGet('/registry/events/shop/', '--prefix');
      expect(before.length).toBeGreaterThan(1);
      const refused = await cli(['del', '/registry/events/shop/', '--prefix']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${before.length} keys start with /registry/events/shop/`);
      expect(await etcdGet('/registry/events/shop/', '--prefix')).toEqual(before);
      const deleted = await cli(['del', '/registry/events/shop/', '--prefix', '--yes']);
      expect(deleted).toMatchObject({ code: 0, out: `deleted ${before.length} keys\n` });
      expect(await etcdGet('/registry/events/shop/', '--prefix')).toEqual([]);
      const weird = await cli(['del', key, '--yes']);
      expect(weird).toMatchObject({ code: 0, out: 'deleted 1 key\n' });
      expect(await etcdGet(key)).toEqual([]);
      const gone = await cli(['del', key, '--yes']);
      expect(gone).toMatchObject({ code: 1, stderr: `error: key ${key} not found\n` });
    });
  });

  describe('through kubectl', () => {
    let skip: string | undefined;
    beforeAll(async () => {
      skip = (await locateProgram('kubectl')) === undefined ? 'kubectl is not on PATH' : await kubectlUnavailable();
    });

    it('runs as `kubectl etcd` through the plugin mechanism (skipped without kubectl)', async (context) => {
      if (skip !== undefined) context.skip(skip);
      const kubectl = (await locateProgram('kubectl')) as string;
      const env = { PATH: await pluginPath(home()), HOME: home(), KUBECONFIG: cluster().kubeconfigPath };
      const run = await runProgram(kubectl, ['etcd', 'get', 'deploy', 'web', '-n', 'shop', '-o', 'name'], env);
      expect(run).toMatchObject({ code: 0, out: 'deployment.apps/web\n', stderr: '' });
      const missing = await runProgram(kubectl, ['etcd', 'get', 'deploy', 'nope', '-n', 'shop'], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('deployments.apps "nope" in namespace shop');
    });
  });
});
