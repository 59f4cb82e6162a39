/**
 * The namespace a command reads when -n is not given, resolved as kubectl resolves it, on real files: the context's
 * namespace (--context, current-context, KUBECONFIG merging, --kubeconfig, ~/.kube/config), the pod's inside a pod,
 * else `default`; a kubeconfig that cannot be used gives `default` and the reason, never an error. Checked against
 * the namespace the real kubectl's merged, minified view shows, when kubectl is here.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { resolveDefaultNamespace } from '../../src/kube/kubeconfig.js';
import { locateProgram } from '../cluster/host-tools.js';
import { runProgram } from '../cluster/kubectl-runner.js';

let dir: string;

/** A kubeconfig whose contexts all point at one cluster and user; `namespaces` maps context names to theirs. */
function kubeconfig(namespaces: Record<string, string | undefined>, current?: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: Object.entries(namespaces).map(([name, namespace]) => ({ name, context: { cluster: 'c', user: 'u', ...(namespace !== undefined ? { namespace } : {}) } })),
    ...(current !== undefined ? { 'current-context': current } : {}),
  });
}

const path = (name: string): string => join(dir, name);
const list = (...names: string[]): string => names.map(path).join(':');
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ HOME: path('home'), ...extra });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-namespace-'));
  await mkdir(path('home/.kube'), { recursive: true });
  // first: sets no current-context; its "shop" (namespace shop) wins over second's.
  await writeFile(path('first.yaml'), kubeconfig({ shop: 'shop', plain: undefined }));
  // second: the first to set current-context; redefines "shop" (ignored) and adds "ops".
  await writeFile(path('second.yaml'), kubeconfig({ shop: 'not-this-one', ops: 'operations' }, 'shop'));
  await writeFile(path('plain.yaml'), kubeconfig({ plain: undefined }, 'plain'));
  await writeFile(path('no-current.yaml'), kubeconfig({ shop: 'shop' }));
  await writeFile(path('home/.kube/config'), kubeconfig({ home: 'from-home' }, 'home'));
  await writeFile(path('broken.yaml'), 'contexts: [\n  - {{{\n');
  await writeFile(path('scalar.yaml'), 'just a string\n');
  await writeFile(path('dangling.yaml'), kubeconfig({ shop: 'shop' }, 'gone'));
  await mkdir(path('serviceaccount'));
  await writeFile(path('serviceaccount/token'), 'sa-token\n');
  await writeFile(path('serviceaccount/namespace'), 'pod-ns\n');
  await mkdir(path('no-namespace-file'));
  await writeFile(path('no-namespace-file/token'), 'sa-token\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the namespace from the kubeconfig context', () => {
  it('merges a KUBECONFIG list: the first current-context and the first definition of a context win', async () => {
    expect(await resolveDefaultNamespace({}, env({ KUBECONFIG: list('missing.yaml', 'first.yaml', 'second.yaml') }))).toEqual({
      namespace: 'shop',
      from: `context "shop" in ${path('first.yaml')}, ${path('second.yaml')}`,
    });
  });

  it('takes --context over current-context, and --kubeconfig over KUBECONFIG', async () => {
    expect((await resolveDefaultNamespace({ context: 'ops' }, env({ KUBECONFIG: list('first.yaml', 'second.yaml') }))).namespace).toBe('operations');
    expect((await resolveDefaultNamespace({ kubeconfig: path('first.yaml'), context: 'shop' }, env({ KUBECONFIG: list('second.yaml') }))).namespace).toBe('shop');
  });

  it('falls back to ~/.kube/config', async () => {
    expect((await resolveDefaultNamespace({}, env())).namespace).toBe('from-home');
  });

  it('is default when the context sets no namespace, or no context is current', async () => {
    expect(await resolveDefaultNamespace({}, env({ KUBECONFIG: path('plain.yaml') }))).toEqual({ namespace: 'default', from: 'context "plain" sets none' });
    expect(await resolveDefaultNamespace({}, env({ KUBECONFIG: path('no-current.yaml') }))).toEqual({ namespace: 'default', from: `no current context in ${path('no-current.yaml')}` });
    expect(await resolveDefaultNamespace({}, { HOME: path('nowhere') })).toEqual({ namespace: 'default', from: 'no kubeconfig' });
  });

  it('is default, with the reason, where kubectl would refuse the kubeconfig', async () => {
    const missing = await resolveDefaultNamespace({ kubeconfig: path('nope.yaml') }, env());
    expect(missing).toEqual({ namespace: 'default', from: `cannot read kubeconfig ${path('nope.yaml')}: no such file` });
    const broken = await resolveDefaultNamespace({}, env({ KUBECONFIG: path('broken.yaml') }));
    expect(broken.namespace).toBe('default');
    expect(broken.from).toMatch(new RegExp(`^cannot read kubeconfig ${path('broken.yaml')}: `));
    expect((await resolveDefaultNamespace({}, env({ KUBECONFIG: path('scalar.yaml') }))).from).toMatch(/not a kubeconfig/);
    expect(await resolveDefaultNamespace({ kubeconfig: dir }, env())).toMatchObject({ namespace: 'default', from: expect.stringMatching(/^cannot read kubeconfig /) as unknown });
    expect(await resolveDefaultNamespace({}, env({ KUBECONFIG: path('dangling.yaml') }))).toEqual({ namespace: 'default', from: `context "gone" is not in ${path('dangling.yaml')}` });
    expect((await resolveDefaultNamespace({ context: 'nope' }, env({ KUBECONFIG: path('first.yaml') }))).namespace).toBe('default');
  });
});

describe('inside a pod', () => {
  const inPod = { HOME: join('/nonexistent', 'home'), KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };

  it("uses POD_NAMESPACE, else the service account's namespace file, else default", async () => {
    expect(await resolveDefaultNamespace({}, { ...inPod, POD_NAMESPACE: 'from-env' }, path('serviceaccount'))).toEqual({ namespace: 'from-env', from: 'POD_NAMESPACE' });
    expect(await resolveDefaultNamespace({}, inPod, path('serviceaccount'))).toEqual({ namespace: 'pod-ns', from: path('serviceaccount/namespace') });
    expect((await resolveDefaultNamespace({}, inPod, path('no-namespace-file'))).namespace).toBe('default');
  });

  it("lets a context's own namespace win, and uses the pod's when the context sets none (as kubectl does)", async () => {
    expect((await resolveDefaultNamespace({}, { ...inPod, KUBECONFIG: path('first.yaml') }, path('serviceaccount'))).namespace).toBe('pod-ns');
    expect((await resolveDefaultNamespace({ context: 'shop' }, { ...inPod, KUBECONFIG: path('first.yaml') }, path('serviceaccount'))).namespace).toBe('shop');
    expect((await resolveDefaultNamespace({}, { ...inPod, KUBECONFIG: path('plain.yaml') }, path('serviceaccount'))).namespace).toBe('pod-ns');
  });

  it('is not in a pod without the service variables or without a token', async () => {
    expect((await resolveDefaultNamespace({}, { HOME: inPod.HOME }, path('serviceaccount'))).namespace).toBe('default');
    expect((await resolveDefaultNamespace({}, inPod, path('home'))).namespace).toBe('default');
  });
});

describe('agreement with the real kubectl', async () => {
  const kubectl = await locateProgram('kubectl');
  const cases: [string, { context?: string }, string[]][] = [
    ['a KUBECONFIG list with a missing file', {}, ['missing.yaml', 'first.yaml', 'second.yaml']],
    ['--context from the second file', { context: 'ops' }, ['first.yaml', 'second.yaml']],
    ['a context without a namespace', {}, ['plain.yaml']],
    ['--context without a namespace', { context: 'plain' }, ['first.yaml', 'second.yaml']],
  ];
  it.skipIf(!kubectl).each(cases)('reads the namespace kubectl reads for %s', async (_name, flags, files) => {
    const KUBECONFIG = list(...files);
    const args = ['config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.namespace}', ...(flags.context ? ['--context', flags.context] : [])];
    const run = await runProgram(kubectl ?? 'kubectl', args, { PATH: process.env.PATH, HOME: path('home'), KUBECONFIG });
    expect(run.code, run.stderr).toBe(0);
    // kubectl reads `default` where the context names no namespace.
    expect((await resolveDefaultNamespace(flags, env({ KUBECONFIG }))).namespace).toBe(run.stdout === '' ? 'default' : run.stdout);
  });
});
