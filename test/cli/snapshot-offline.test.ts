/**
 * Reading a snapshot offline through the built executable: a snapshot saved from the stand-in cluster (demo seed) by
 * `snapshot save` answers `get` and `ls` exactly as the live cluster does; `--for-apply` drops exactly the fields
 * the API server sets (and kubectl accepts the result); damaged and foreign files give a clear error.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/codec/value.js';
import { SERVER_SET_METADATA } from '../../src/render/for-apply.js';
import { useCluster } from '../cluster/harness.js';
import { locateProgram } from '../cluster/host-tools.js';
import { runProgram } from '../cluster/run.js';
import { runCliAsync } from './snapshot-helpers.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-offline-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('offline reads of a saved snapshot (kubeadm, demo seed)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });
  const env = () => ({ PATH: process.env['PATH'], HOME: scratch, KUBECONFIG: cluster().kubeconfigPath });
  const file = () => join(scratch, 'demo.db');

  beforeAll(async () => {
    const saved = await runCliAsync(['snapshot', 'save', file(), '--helper-pod'], env());
    if (saved.status !== 0) throw new Error(`snapshot save failed: ${saved.stderr}`);
  });

  const commands: readonly (readonly string[])[] = [
    ['get', 'deployments', '-A'],
    ['get', 'pods', '-A', '-o', 'yaml'],
    ['get', 'configmaps', '-n', 'kube-system', '-o', 'wide'],
    ['get', '/registry', '--prefix', '-o', 'json'],
    ['get', '/registry/deployments/shop/web', '-o', 'raw'],
    ['get', '/registry/', '--prefix', '--keys-only'],
    ['get', 'deploy/web', '-n', 'shop', '-o', 'etcdctl-json'],
    ['get', 'deploy', 'nothing-here', '-n', 'shop'],
    ['ls'],
    ['ls', '--depth', '3', '-o', 'json'],
  ];
  for (const command of commands) {
    it(`${command.join(' ')}: the snapshot answers as the live cluster does`, async () => {
      const live = await runCliAsync(command, env());
      const offline = await runCliAsync(['--snapshot', file(), ...command], { PATH: process.env['PATH'], HOME: scratch });
      expect(offline).toEqual(live);
    });
  }

  it('decrypts what the live cluster decrypts, with the same encryption config', async () => {
    const config = cluster().encryptionConfigPath;
    if (config === undefined) throw new Error('the demo seed has an encrypted Secret and its encryption config');
    const command = ['get', 'secrets', '-A', '-o', 'json', '--encryption-config', config];
    const live = await runCliAsync(command, env());
    expect(live.status).toBe(0);
    expect(await runCliAsync(['--snapshot', file(), ...command], { PATH: process.env['PATH'], HOME: scratch })).toEqual(live);
  });

  /** Every object of the snapshot as `get -o json` prints it, with and without --for-apply. */
  async function items(forApply: boolean): Promise<JsonObject[]> {
    const decrypt = ['--encryption-config', cluster().encryptionConfigPath ?? ''];
    const run = await runCliAsync(['--snapshot', file(), 'get', '/registry/', '--prefix', '-o', 'json', ...decrypt, ...(forApply ? ['--for-apply'] : [])], { PATH: process.env['PATH'], HOME: scratch });
    expect(run.status).toBe(0);
    return (JSON.parse(run.stdout) as { items: JsonObject[] }).items;
  }

  it('--for-apply drops exactly the server-set metadata, and the status of built-in kinds', async () => {
    const [full, applicable] = await Promise.all([items(false), items(true)]);
    expect(applicable.length).toBe(full.length);
    let statuses = 0;
    full.forEach((object, i) => {
      const { status, metadata, ...rest } = object;
      const expected: Record<string, JsonValue> = { ...rest };
      if (isJsonObject(metadata)) {
        const kept: JsonObject = { ...metadata };
        for (const field of SERVER_SET_METADATA) delete kept[field];
        expected['metadata'] = kept;
      }
      // The demo seed holds built-in kinds only (its custom resources are stored under their own group).
      if (status !== undefined) statuses++;
      expect(applicable[i]).toEqual(expected);
    });
    expect(statuses).toBeGreaterThan(0);
    // Stored objects carry uid and creationTimestamp (resourceVersion is the key's revision, never stored).
    expect(full.every((o) => isJsonObject(o['metadata']) && o['metadata']['uid'] !== undefined && o['metadata']['creationTimestamp'] !== undefined)).toBe(true);
  });

  it('--for-apply output passes kubectl apply --dry-run=client (for the kinds the stand-in API serves)', async (context) => {
    const kubectl = await locateProgram('kubectl');
    if (kubectl === undefined) {
      context.skip('kubectl is not on PATH: the field-by-field test above still runs');
      return;
    }
    for (const resource of ['pods', 'namespaces']) {
      const run = await runCliAsync(['--snapshot', file(), 'get', resource, '-A', '--for-apply', '-o', 'yaml'], { PATH: process.env['PATH'], HOME: scratch });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^- apiVersion: v1$/m);
      const manifest = join(scratch, `${resource}.yaml`);
      await writeFile(manifest, run.stdout);
      // Client-side dry run still asks the API for the type mapping: the stand-in serves it for these kinds.
      const applied = await runProgram(kubectl, ['apply', '--dry-run=client', '--validate=false', '-f', manifest], { env: env() });
      expect(applied.stdout.toString('utf8')).toMatch(/\(dry run\)/);
    }
  });
});

describe('offline reads of an OpenShift snapshot (keys under /kubernetes.io)', () => {
  const cluster = useCluster({ profile: 'openshift', seed: 'demo' });
  const env = () => ({ PATH: process.env['PATH'], HOME: scratch, KUBECONFIG: cluster().kubeconfigPath });
  const file = () => join(scratch, 'openshift.db');

  beforeAll(async () => {
    const saved = await runCliAsync(['snapshot', 'save', file()], env());
    if (saved.status !== 0) throw new Error(`snapshot save failed: ${saved.stderr}`);
  });

  for (const command of [['get', 'deployments', '-A'], ['ls']]) {
    it(`${command.join(' ')}: the key prefix is found in the file, and the answer is the live one`, async () => {
      const live = await runCliAsync(command, env());
      expect(live.stdout).toContain('/kubernetes.io/');
      expect(await runCliAsync(['--snapshot', file(), ...command], { PATH: process.env['PATH'], HOME: scratch })).toEqual(live);
    });
  }
});

describe('snapshot files that are not whole', () => {
  const source = join(import.meta.dirname, '..', '..', 'examples', 'demo.db');

  async function variant(name: string, change: (bytes: Buffer) => Buffer): Promise<string> {
    const path = join(scratch, name);
    await writeFile(path, change(await readFile(source)));
    return path;
  }

  it('snapshot status refuses a file whose sha256 trailer does not match', async () => {
    const path = await variant('bad-trailer.db', (bytes) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0xff;
      return copy;
    });
    const run = await runCliAsync(['snapshot', 'status', path], { PATH: process.env['PATH'], HOME: scratch });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/sha256 trailer does not match/);
  });

  it('a truncated file and a file that is no database get an error, not a crash', async () => {
    const truncated = await variant('truncated.db', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)));
    const text = await variant('text.db', () => Buffer.from('not a database\n'));
    for (const path of [truncated, text]) {
      for (const command of [['snapshot', 'status', path], ['--snapshot', path, 'get', 'pods', '-A']]) {
        const run = await runCliAsync(command, { PATH: process.env['PATH'], HOME: scratch });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/^error: .*(truncated|not a bbolt database)/m);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('a missing file is named', async () => {
    const run = await runCliAsync(['--snapshot', join(scratch, 'absent.db'), 'get', 'pods'], { PATH: process.env['PATH'], HOME: scratch });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read the snapshot .*absent\.db: no such file/);
  });

  it('a copy of member/snap/db (no trailer) reads, and status says it has none', async () => {
    const bytes = await readFile(source);
    const path = join(scratch, 'db');
    await writeFile(path, bytes.subarray(0, bytes.length - 32));
    const run = await runCliAsync(['snapshot', 'status', path], { PATH: process.env['PATH'], HOME: scratch });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/none \(a copy of member\/snap\/db\?\)/);
    await copyFile(path, join(scratch, 'db-copy'));
    const get = await runCliAsync(['--snapshot', join(scratch, 'db-copy'), 'get', 'deployments', '-A'], { PATH: process.env['PATH'], HOME: scratch });
    expect(get.status).toBe(0);
    expect(get.stdout).toMatch(/\/registry\/deployments\/shop\/web/);
  });
});
