/** `kubectl etcd decode` and `encode` as a user runs them: the built executable, real Kubernetes bytes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';
import { cliPath, runCli } from './run-cli.js';

const head = (name: string, extension: string): string => join(fixturesDir, 'HEAD', `${name}.${extension}`);
describe.skipIf(!hasFixtures)(`decode and encode${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  // Made when a test runs, not when the suite is collected: a skipped suite reads nothing and leaves no folder behind.
  let deploymentPb: Buffer;
  let work = '';
  beforeAll(() => {
    deploymentPb = readFileSync(head('apps.v1.Deployment', 'pb'));
    work = mkdtempSync(join(tmpdir(), 'kubectl-etcd-cli-'));
  });
  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('decodes a raw value from a file to kubectl YAML', () => {
    const result = runCli(['decode', head('apps.v1.Deployment', 'pb')]);
    expect(result.status).toBe(0);
    expect(result.stdout.toString()).toBe(readFileSync(head('apps.v1.Deployment', 'yaml'), 'utf8'));
    expect(result.stderr).toBe('');
  });

  it('reads stdin in base64 and hex, and prints JSON as kubectl does', () => {
    const fromBase64 = runCli(['decode', '-o', 'json'], { input: deploymentPb.toString('base64') });
    const fromHex = runCli(['decode', '--input', 'hex', '-o', 'json'], { input: deploymentPb.toString('hex') });
    expect(fromBase64.status).toBe(0);
    expect(fromHex.stdout.toString()).toBe(fromBase64.stdout.toString());
    const parsed = JSON.parse(fromBase64.stdout.toString()) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(readFileSync(head('apps.v1.Deployment', 'json'), 'utf8')));
    expect(fromBase64.stdout.toString()).toMatch(/^\{\n {4}"apiVersion": "apps\/v1",\n {4}"kind": "Deployment",/);
  });

  it('prints several inputs as a kind: List in input order', () => {
    const result = runCli(['decode', head('core.v1.ConfigMap', 'pb'), head('apps.v1.Deployment', 'pb')]);
    expect(result.status).toBe(0);
    const text = result.stdout.toString();
    expect(text.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(text.indexOf('kind: ConfigMap')).toBeLessThan(text.indexOf('kind: Deployment'));
    expect(text.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('decodes every value of an etcdctl get -w json listing, keys included in messages', () => {
    const listing = {
      header: { cluster_id: 14841639068965178418n.toString(), member_id: 10276657743932975437n.toString(), revision: 42, raft_term: 2 },
      kvs: [
        { key: Buffer.from('/registry/configmaps/default/a').toString('base64'), create_revision: 5, mod_revision: 7, version: 2, value: readFileSync(head('core.v1.ConfigMap', 'pb')).toString('base64') },
        { key: Buffer.from('/registry/deployments/default/b').toString('base64'), create_revision: 6, mod_revision: 6, version: 1, value: deploymentPb.subarray(0, 100).toString('base64') },
      ],
      count: 2,
    };
    // etcdctl prints IDs as bare 64-bit numbers.
    const text = JSON.stringify(listing).replace(/"(\d{19,20})"/g, '$1');
    const result = runCli(['decode'], { input: text });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('error: cannot decode /registry/deployments/default/b: truncated apps/v1 Deployment');
    const out = result.stdout.toString();
    expect(out).toContain('kind: ConfigMap');
    expect(out).toContain('kind: UndecodableValue');
    expect(out).toContain('key: /registry/deployments/default/b');
  });

  it('decodes a WatchEvent stored without a type when told its type', () => {
    const untyped = runCli(['decode', head('core.v1.WatchEvent', 'pb')]);
    expect(untyped.status).toBe(3);
    expect(untyped.stderr).toContain('carries no apiVersion/kind');
    const typed = runCli(['decode', '--type', 'v1/WatchEvent', head('core.v1.WatchEvent', 'pb')]);
    expect(typed.status).toBe(0);
    expect(typed.stdout.toString()).toBe(readFileSync(head('core.v1.WatchEvent', 'yaml'), 'utf8'));
  });

  it('says what is wrong with a missing file or bad flags, with the documented exit codes', () => {
    const missing = runCli(['decode', join(work, 'nope.pb')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`error: cannot read ${join(work, 'nope.pb')}: no such file\n`);
    const badFormat = runCli(['decode', '-o', 'xml']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('Invalid values');
    const badType = runCli(['decode', '--type', 'Deployment', head('apps.v1.Deployment', 'pb')]);
    expect(badType.status).toBe(2);
    expect(badType.stderr).toContain('expected APIVERSION/KIND');
  });

  it('encodes YAML and JSON to exactly the bytes the API server stores', () => {
    const fromYaml = runCli(['encode', head('apps.v1.Deployment', 'yaml')]);
    expect(fromYaml.status).toBe(0);
    expect(fromYaml.stdout.equals(deploymentPb)).toBe(true);
    const fromJson = runCli(['encode', '-o', 'hex'], { input: readFileSync(head('apps.v1.Deployment', 'json')) });
    expect(fromJson.stdout.toString()).toBe(`${deploymentPb.toString('hex')}\n`);
  });

  it('encodes a custom resource as the JSON the API server stores, and round-trips through decode', () => {
    const path = join(work, 'crontab.yaml');
    writeFileSync(path, 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: nightly\n  namespace: default\nspec:\n  cronSpec: "* * * * */5"\n  replicas: 9007199254740993\n');
    const encoded = runCli(['encode', path]);
    expect(encoded.status).toBe(0);
    expect(encoded.stdout.toString()).toBe('{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"nightly","namespace":"default"},"spec":{"cronSpec":"* * * * */5","replicas":9007199254740993}}\n');
    const decoded = runCli(['decode', '-o', 'json'], { input: encoded.stdout });
    expect(decoded.stdout.toString()).toContain('"replicas": 9007199254740993');
  });

  it('refuses an object with a field its type does not have, naming the field', () => {
    const path = join(work, 'bad.yaml');
    writeFileSync(path, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\nspec: {}\n');
    const result = runCli(['encode', path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`error: cannot encode ${path}: ConfigMap.spec: unknown field for ConfigMap\n`);
    expect(result.stdout.length).toBe(0);
  });

  it('ends quietly when the reader closes the pipe early, as `| head` does', () => {
    // Many values, so the output outlives the reader; a fixed command line, no user input in it.
    const files = Array.from({ length: 200 }, () => head('apps.v1.Deployment', 'pb'));
    const result = spawnSync('sh', ['-c', '"$0" decode "$@" | head -n 1', cliPath, ...files]);
    expect(result.stdout.toString()).toBe('apiVersion: v1\n');
    expect(result.stderr.toString()).toBe('');
  });
});
