/**
 * `kubectl etcd decode --snapshot FILE KEY...` through the built executable, on the committed demo snapshot (saved
 * by real etcd): a key decodes exactly as `get KEY -o yaml|json --snapshot` prints it and as decode prints the same
 * stored bytes from a file; several keys make a List in the order given; a missing key, no key, and --rev out of
 * the snapshot's range give their messages and exit codes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli.js';
import { runCliAsync, type CliOutcome } from './snapshot-helpers.js';

const demo = join(repoRoot, 'examples', 'demo.db');
const encryptionConfig = join(repoRoot, 'examples', 'demo-encryption-config.yaml');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-decode-snapshot-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** No kubeconfig, no cluster. */
const run = (args: readonly string[]): Promise<CliOutcome> => runCliAsync(args, { PATH: process.env['PATH'], HOME: scratch });

describe('decode --snapshot', () => {
  const keys = [
    '/registry/deployments/shop/web',
    '/registry/services/specs/shop/api',
    '/registry/leases/kube-system/kube-scheduler',
    '/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com',
    '/registry/stable.example.com/crontabs/shop/nightly-report',
    '/registry/secrets/default/db-encrypted',
  ];
  for (const key of keys) {
    it(`${key}: prints what get prints for it, as YAML and as JSON`, async () => {
      for (const format of ['yaml', 'json']) {
        const flags = ['-o', format, '--encryption-config', encryptionConfig];
        const decoded = await run(['decode', '--snapshot', demo, key, ...flags]);
        expect(decoded.status).toBe(0);
        expect(decoded.stdout).toMatch(/kind/);
        expect(decoded).toEqual(await run(['get', key, '--snapshot', demo, ...flags]));
      }
    });
  }

  it('decodes as decode decodes the same stored bytes from a file (etcdctl -w json, and base64)', async () => {
    const key = '/registry/deployments/shop/api';
    const listing = await run(['get', key, '--snapshot', demo, '-o', 'etcdctl-json']);
    expect(listing.status).toBe(0);
    const json = join(scratch, 'api.json');
    const base64 = join(scratch, 'api.b64');
    await writeFile(json, listing.stdout);
    await writeFile(base64, (JSON.parse(listing.stdout) as { kvs: { value: string }[] }).kvs[0]?.value ?? '');
    const decoded = await run(['decode', '--snapshot', demo, key]);
    expect(decoded.status).toBe(0);
    expect(decoded).toEqual(await run(['decode', json]));
    expect(decoded).toEqual(await run(['decode', base64]));
  });

  it('an encrypted value without the encryption config: the same stand-in and message as get, exit 3', async () => {
    const key = '/registry/secrets/default/db-encrypted';
    const decoded = await run(['decode', '--snapshot', demo, key]);
    expect(decoded.status).toBe(3);
    expect(decoded.stderr).toMatch(new RegExp(`^error: ${key} is encrypted at rest`));
    expect(decoded.stdout).toContain('kind: EncryptedValue');
    expect(decoded).toEqual(await run(['get', key, '--snapshot', demo, '-o', 'yaml']));
  });

  it('several keys: a List in the order given, as get prints the prefix holding exactly those keys', async () => {
    const api = '/registry/deployments/shop/api';
    const web = '/registry/deployments/shop/web';
    for (const format of ['yaml', 'json']) {
      const decoded = await run(['decode', '--snapshot', demo, api, web, '-o', format]);
      expect(decoded.status).toBe(0);
      expect(decoded).toEqual(await run(['get', '/registry/deployments/shop/', '--prefix', '--snapshot', demo, '-o', format]));
    }
    const reversed = await run(['decode', '--snapshot', demo, web, api, '-o', 'json']);
    const names = (JSON.parse(reversed.stdout) as { kind: string; items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
    expect(names).toEqual(['web', 'api']);
  });

  it('takes --snapshot before the command too, as the other reading commands do', async () => {
    const key = '/registry/deployments/shop/web';
    expect(await run(['--snapshot', demo, 'decode', key])).toEqual(await run(['decode', key, '--snapshot', demo]));
  });

  it('a key not in the snapshot: exit 1 naming it, nothing printed, also next to keys that are there', async () => {
    const missing = '/registry/deployments/shop/nope';
    const alone = await run(['decode', '--snapshot', demo, missing]);
    expect(alone).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: key ${missing} not found in snapshot ${demo}\nhint: list the keys there: kubectl etcd get /registry/deployments/shop/ --prefix --keys-only --snapshot ${demo}\n`,
    });
    const mixed = await run(['decode', '--snapshot', demo, '/registry/deployments/shop/web', missing, '/registry/nothing']);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toBe('');
    expect(mixed.stderr.split('\n')[0]).toBe(`error: keys ${missing}, /registry/nothing not found in snapshot ${demo}`);
  });

  it('--snapshot with no key, --input with --snapshot, --rev without it: usage errors, exit 2', async () => {
    const noKey = await run(['decode', '--snapshot', demo]);
    expect(noKey.status).toBe(2);
    expect(noKey.stdout).toBe('');
    expect(noKey.stderr).toMatch(/^error: --snapshot needs the etcd keys to decode/);
    expect((await run(['decode', '--snapshot', demo, '-i', 'hex', '/registry/deployments/shop/web'])).status).toBe(2);
    expect((await run(['decode', '--rev', '2', join(scratch, 'value.bin')])).status).toBe(2);
    expect((await run(['decode', '--snapshot', demo, '--rev', '0', '/registry/deployments/shop/web'])).status).toBe(2);
  });

  it('--rev reads at that revision: the demo seed is written at revision 2, so revision 1 holds nothing and 3 is ahead', async () => {
    const key = '/registry/deployments/shop/web';
    expect(await run(['decode', '--snapshot', demo, '--rev', '2', key])).toEqual(await run(['decode', '--snapshot', demo, key]));
    const before = await run(['decode', '--snapshot', demo, '--rev', '1', key]);
    expect(before.status).toBe(1);
    expect(before.stderr.split('\n')[0]).toBe(`error: key ${key} not found in snapshot ${demo} at revision 1`);
    const ahead = await run(['decode', '--snapshot', demo, '--rev', '3', key]);
    expect(ahead.status).toBe(1);
    expect(ahead.stderr).toMatch(/revision 3 is newer than the snapshot's revision 2/);
  });

  it('a file that is not there: the reader\'s message, exit 1', async () => {
    const result = await run(['decode', '--snapshot', join(scratch, 'none.db'), '/registry/deployments/shop/web']);
    expect(result).toEqual({ status: 1, stdout: '', stderr: `error: cannot read the snapshot ${join(scratch, 'none.db')}: no such file\n` });
  });
});
