/**
 * NODE_EXTRA_CA_CERTS through bin/kubectl-etcd, which hands it to the CLI rather than to Node: a server the
 * kubeconfig names no CA for is trusted when the extra file's CA signed it, and refused otherwise; programs the
 * CLI starts (credential plugins) still see the variable as the user set it.
 */
import { chmodSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startApiServerFixture, type ApiServerFixture } from '../cluster/apiserver-fixture.js';
import { launcher, requireBuild, runProgram } from './cli-runner.js';

describe('NODE_EXTRA_CA_CERTS', () => {
  let fixture: ApiServerFixture;
  let withoutCa: string;
  let caFile: string;

  beforeAll(async () => {
    requireBuild();
    fixture = await startApiServerFixture();
    const config = parse(await readFile(fixture.kubeconfigPath, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
    for (const { cluster } of config.clusters) delete cluster['certificate-authority-data'];
    withoutCa = join(fixture.dir, 'kubeconfig-without-ca');
    await writeFile(withoutCa, stringify(config), { mode: 0o600 });
    caFile = join(fixture.dir, 'extra-ca.pem');
    await writeFile(caFile, fixture.server.caCertPem);
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  const environment = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: fixture.dir, ...extra };
    if (!('NODE_EXTRA_CA_CERTS' in extra)) delete env['NODE_EXTRA_CA_CERTS'];
    return env;
  };
  const get = (env: NodeJS.ProcessEnv) => runProgram(launcher, ['get', '/registry/namespaces', '--prefix', '--keys-only', '-v', '--kubeconfig', withoutCa], env);

  it('refuses a server no trusted CA signed when the kubeconfig names none', async () => {
    const run = await get(environment({}));
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: its certificate is (self-signed|not signed)/);
  });

  it("trusts the extra file's CA for such a server (the pods are listed)", async () => {
    const run = await get(environment({ NODE_EXTRA_CA_CERTS: caFile }));
    expect(run.stderr).not.toMatch(/cannot reach the API server/);
    expect(run.stderr).toContain('using kube-system/etcd-node1');
  });

  it('passes the variable on to a credential plugin', async () => {
    const plugin = join(fixture.dir, 'credential-plugin');
    const seen = join(fixture.dir, 'plugin-saw');
    await writeFile(plugin, `#!/bin/sh\nprintf '%s' "$NODE_EXTRA_CA_CERTS" > '${seen}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`);
    chmodSync(plugin, 0o755);
    const kubeconfig = join(fixture.dir, 'kubeconfig-plugin');
    await writeFile(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: c',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
      `users: [{name: c, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", interactiveMode: Never}}}]`,
      'contexts: [{name: c, context: {cluster: c, user: c}}]', '',
    ].join('\n'));
    const run = await runProgram(launcher, ['get', '/registry/namespaces', '--prefix', '--kubeconfig', kubeconfig], environment({ NODE_EXTRA_CA_CERTS: caFile }));
    expect(run.code).toBe(4);
    expect(await readFile(seen, 'utf8')).toBe(caFile);
  });
});
