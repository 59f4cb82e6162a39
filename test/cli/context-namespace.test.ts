/**
 * Without -n, the reading commands take the kubeconfig context's namespace, as kubectl does; offline, through the
 * built executable on the committed demo snapshot. A context with `namespace: shop` lists shop's objects, -n
 * overrides it, --context, --kubeconfig and KUBECONFIG choose the kubeconfig as for the cluster, and a missing or
 * broken kubeconfig leaves the offline command working in `default`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { repoRoot } from './run-cli.js';
import { runCliAsync, type CliOutcome } from './snapshot-helpers.js';

const demo = join(repoRoot, 'examples', 'demo.db');

let scratch: string;
const path = (name: string): string => join(scratch, name);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kubectl-etcd-context-namespace-'));
  // The server is never contacted offline: nothing listens there.
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [
      { name: 'shop', context: { cluster: 'c', user: 'u', namespace: 'shop' } },
      { name: 'system', context: { cluster: 'c', user: 'u', namespace: 'kube-system' } },
      { name: 'plain', context: { cluster: 'c', user: 'u' } },
    ],
    'current-context': 'shop',
  };
  await writeFile(path('config'), stringify(config));
  await writeFile(path('broken'), 'contexts: [\n  - {{{\n');
  await writeFile(path('dangling'), stringify({ ...config, 'current-context': 'gone' }));
  await mkdir(path('home/.kube'), { recursive: true });
  await writeFile(path('home/.kube/config'), stringify({ ...config, 'current-context': 'system' }));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The CLI offline, with no kubeconfig at all unless `env` names one. */
function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  return runCliAsync(['--snapshot', demo, ...args], { PATH: process.env['PATH'], HOME: path('nowhere'), ...env });
}

describe('the namespace of the kubeconfig context, offline', () => {
  const shop = (): NodeJS.ProcessEnv => ({ KUBECONFIG: path('config') });

  it("get deploy: shop's deployments, as with -n shop", async () => {
    const listed = await run(['get', 'deploy'], shop());
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('/registry/deployments/shop/web');
    expect(listed.stdout).not.toContain('kube-system');
    expect(listed).toEqual(await run(['get', 'deploy', '-n', 'shop']));
  });

  it('one object by name, and as JSON', async () => {
    expect(await run(['get', 'deploy', 'web', '-o', 'json'], shop())).toEqual(await run(['get', 'deploy', 'web', '-n', 'shop', '-o', 'json']));
    expect(await run(['get', 'configmaps/web-config'], shop())).toEqual(await run(['get', '/registry/configmaps/shop/web-config']));
  });

  it('-n overrides it, and -A lists every namespace', async () => {
    const system = await run(['get', 'deploy', '-n', 'kube-system'], shop());
    expect(system.stdout).toContain('/registry/deployments/kube-system/coredns');
    expect(system).toEqual(await run(['get', 'deploy', '-n', 'kube-system']));
    expect(await run(['get', 'deploy', '-A'], shop())).toEqual(await run(['get', 'deploy', '-A']));
  });

  it('--context, --kubeconfig and ~/.kube/config choose it as for the cluster; a context without one means default', async () => {
    expect(await run(['get', 'deploy', '--context', 'system'], shop())).toEqual(await run(['get', 'deploy', '-n', 'kube-system']));
    expect(await run(['get', 'deploy', '--kubeconfig', path('config')])).toEqual(await run(['get', 'deploy', '-n', 'shop']));
    expect(await run(['get', 'deploy'], { HOME: path('home') })).toEqual(await run(['get', 'deploy', '-n', 'kube-system']));
    const plain = await run(['get', 'configmaps', '--context', 'plain'], shop());
    expect(plain.stdout).toContain('/registry/configmaps/default/kube-root-ca.crt');
    expect(plain).toEqual(await run(['get', 'configmaps', '-n', 'default']));
  });

  it('-v says which namespace and where it came from', async () => {
    const verbose = await run(['get', 'deploy', '-v'], shop());
    expect(verbose.stderr).toContain(`namespace shop (context "shop" in ${path('config')})\n`);
  });

  it('history and diff address objects the same way', async () => {
    expect(await run(['history', 'deploy/web'], shop())).toEqual(await run(['history', 'deploy/web', '-n', 'shop']));
    const same = await run(['diff', 'deploy/web', '--rev', '2'], shop());
    expect(same).toEqual({ status: 0, stdout: '', stderr: 'deployments.apps "web" in namespace shop is the same at revisions 2 and 2\n' });
  });

  it('keys are read as given, whatever the context', async () => {
    expect(await run(['get', '/registry/configmaps/default/kube-root-ca.crt'], shop())).toEqual(await run(['get', '/registry/configmaps/default/kube-root-ca.crt']));
  });
});

describe('a kubeconfig that cannot be used does not stop an offline command', () => {
  // Functions: the scratch folder exists only once the tests run.
  const cases: [string, () => { args: string[]; env: NodeJS.ProcessEnv }][] = [
    ['no kubeconfig at all', () => ({ args: [], env: {} })],
    ['a KUBECONFIG that is not YAML', () => ({ args: [], env: { KUBECONFIG: path('broken') } })],
    ['a --kubeconfig that is not there', () => ({ args: ['--kubeconfig', path('missing')], env: {} })],
    ['a --kubeconfig that is a directory', () => ({ args: ['--kubeconfig', scratch], env: {} })],
    ['a current-context that is not defined', () => ({ args: [], env: { KUBECONFIG: path('dangling') } })],
    ['a --context that is not defined', () => ({ args: ['--context', 'gone'], env: { KUBECONFIG: path('config') } })],
  ];
  it.each(cases)('%s: configmaps in default', async (_name, setting) => {
    const { args, env } = setting();
    const result = await run(['get', 'configmaps', ...args], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('/registry/configmaps/default/kube-root-ca.crt');
    expect(result).toEqual(await run(['get', 'configmaps', '-n', 'default']));
  });
});
