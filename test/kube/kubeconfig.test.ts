/**
 * Kubeconfig resolution as kubectl does it, on real files: --kubeconfig, KUBECONFIG lists (missing files skipped,
 * the first file to set a name or current-context wins, relative paths against their own file), ~/.kube/config,
 * in-cluster; checked against what the real kubectl picks (`kubectl config view --minify`) when kubectl is here.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ClusterError } from '../../src/kube/errors.js';
import { resolveApiServerAccess } from '../../src/kube/kubeconfig.js';
import { locateProgram } from '../cluster/host-tools.js';
import { runProgram } from '../cluster/kubectl-runner.js';

let dir: string;

function kubeconfig(contexts: { name: string; server: string; user: Record<string, unknown>; cluster?: Record<string, unknown> }[], current?: string) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({ name: `cluster-${c.name}`, cluster: { server: c.server, ...c.cluster } })),
    users: contexts.map((c) => ({ name: `user-${c.name}`, user: c.user })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: `cluster-${c.name}`, user: `user-${c.name}` } })),
    ...(current ? { 'current-context': current } : {}),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-kubeconfig-'));
  await mkdir(join(dir, 'a', 'certs'), { recursive: true });
  await mkdir(join(dir, 'home', '.kube'), { recursive: true });
  await writeFile(join(dir, 'a', 'certs', 'ca.crt'), 'CA FROM A\n');
  await writeFile(join(dir, 'a', 'token'), 'token-from-file\n');
  // a: sets no current-context; defines "shared" first (so its definition wins) and "alpha".
  await writeFile(
    join(dir, 'a', 'config'),
    kubeconfig([
      { name: 'shared', server: 'https://a.example:6443', user: { token: 'token-a' }, cluster: { 'certificate-authority': 'certs/ca.crt' } },
      { name: 'alpha', server: 'https://alpha.example:6443', user: { tokenFile: 'token' }, cluster: { 'tls-server-name': 'kubernetes' } },
    ]),
  );
  // b: the first to set current-context; redefines "shared" (ignored).
  await writeFile(
    join(dir, 'b.yaml'),
    kubeconfig(
      [
        { name: 'shared', server: 'https://b.example:6443', user: { token: 'token-b' } },
        { name: 'beta', server: 'https://beta.example:6443', user: { username: 'admin', password: 'secret' }, cluster: { 'insecure-skip-tls-verify': true } },
      ],
      'shared',
    ),
  );
  await writeFile(join(dir, 'c.yaml'), kubeconfig([{ name: 'gamma', server: 'https://gamma.example:6443', user: { 'client-certificate-data': Buffer.from('CERT').toString('base64'), 'client-key-data': Buffer.from('KEY').toString('base64') } }], 'gamma'));
  await writeFile(join(dir, 'home', '.kube', 'config'), kubeconfig([{ name: 'home', server: 'https://home.example:6443', user: { token: 'token-home' } }], 'home'));
  await writeFile(join(dir, 'json.conf'), JSON.stringify({ clusters: [{ name: 'j', cluster: { server: 'https://json.example' } }], users: [{ name: 'j', user: {} }], contexts: [{ name: 'j', context: { cluster: 'j', user: 'j' } }], 'current-context': 'j' }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ HOME: join(dir, 'home'), ...extra });
const list = (...names: string[]) => names.map((n) => join(dir, n)).join(':');

describe('which context and cluster', () => {
  it('merges a KUBECONFIG list: missing files skipped, the first current-context and the first definition of a name win', async () => {
    const access = await resolveApiServerAccess({}, env({ KUBECONFIG: list('missing.yaml', 'a/config', 'b.yaml', 'c.yaml') }));
    expect(access.server).toBe('https://a.example:6443');
    expect(access.headers).toEqual({ Authorization: 'Bearer token-a' });
    // Relative paths resolve against the file that names them.
    expect(access.ca?.toString()).toBe('CA FROM A\n');
    expect(access.description).toBe(`context "shared" from ${join(dir, 'a/config')}, ${join(dir, 'b.yaml')}, ${join(dir, 'c.yaml')}`);
  });

  it('takes --context over current-context, with token files, tls-server-name, basic auth and skip-verify', async () => {
    const kubeconfigEnv = env({ KUBECONFIG: list('a/config', 'b.yaml') });
    const alpha = await resolveApiServerAccess({ context: 'alpha' }, kubeconfigEnv);
    expect(alpha).toMatchObject({ server: 'https://alpha.example:6443', servername: 'kubernetes', rejectUnauthorized: true, headers: { Authorization: 'Bearer token-from-file' } });
    const beta = await resolveApiServerAccess({ context: 'beta' }, kubeconfigEnv);
    expect(beta).toMatchObject({ rejectUnauthorized: false, headers: { Authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` } });
  });

  it('reads only --kubeconfig when given, ignoring KUBECONFIG', async () => {
    const access = await resolveApiServerAccess({ kubeconfig: join(dir, 'c.yaml') }, env({ KUBECONFIG: list('a/config') }));
    expect(access.server).toBe('https://gamma.example:6443');
    expect(access.cert?.toString()).toBe('CERT');
    expect(access.key?.toString()).toBe('KEY');
  });

  it('falls back to ~/.kube/config, and reads JSON kubeconfigs', async () => {
    expect((await resolveApiServerAccess({}, env({}))).server).toBe('https://home.example:6443');
    expect((await resolveApiServerAccess({ kubeconfig: join(dir, 'json.conf') }, env({}))).server).toBe('https://json.example');
  });

  it('uses the in-cluster service account when there is no kubeconfig (and says so when there is neither)', async () => {
    const serviceAccount = join(dir, 'serviceaccount');
    await mkdir(serviceAccount, { recursive: true });
    await writeFile(join(serviceAccount, 'token'), 'sa-token\n');
    await writeFile(join(serviceAccount, 'ca.crt'), 'SA CA\n');
    const inPod = { HOME: join(dir, 'nowhere'), KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
    const access = await resolveApiServerAccess({}, inPod, serviceAccount);
    expect(access).toMatchObject({ server: 'https://10.96.0.1:443', headers: { Authorization: 'Bearer sa-token' }, description: 'in-cluster service account' });
    expect(access.ca?.toString()).toBe('SA CA\n');

    const none = { HOME: join(dir, 'nowhere') };
    const error = await resolveApiServerAccess({}, none).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).message).toMatch(/no kubeconfig found \(looked at .*nowhere\/\.kube\/config\) and not running inside a pod/);
    expect((error as ClusterError).exitCode).toBe(ExitCode.unreachable);
  });

  it('explains a missing --kubeconfig file and an unknown --context', async () => {
    await expect(resolveApiServerAccess({ kubeconfig: join(dir, 'nope.yaml') }, env({}))).rejects.toThrow(/cannot read kubeconfig .*nope\.yaml: no such file/);
    const error = (await resolveApiServerAccess({ context: 'delta' }, env({ KUBECONFIG: list('a/config', 'b.yaml') })).catch((e: unknown) => e)) as ClusterError;
    expect(error.message).toBe(`context "delta" is not in ${join(dir, 'a/config')}, ${join(dir, 'b.yaml')}`);
    expect(error.hint).toBe('contexts there: shared, alpha, beta');
  });
});

describe('agreement with the real kubectl', async () => {
  const kubectl = await locateProgram('kubectl');
  const cases: [string, { context?: string }, string[]][] = [
    ['a KUBECONFIG list with a missing file', {}, ['missing.yaml', 'a/config', 'b.yaml', 'c.yaml']],
    ['a list whose first file has no current-context', {}, ['c.yaml', 'b.yaml']],
    ['--context from the second file', { context: 'beta' }, ['a/config', 'b.yaml']],
  ];
  it.skipIf(!kubectl).each(cases)('picks the server kubectl picks for %s', async (_name, flags, files) => {
    const KUBECONFIG = list(...files);
    const args = ['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}', ...(flags.context ? ['--context', flags.context] : [])];
    const run = await runProgram(kubectl ?? 'kubectl', args, { PATH: process.env.PATH, HOME: join(dir, 'home'), KUBECONFIG });
    expect(run.code, run.stderr).toBe(0);
    expect((await resolveApiServerAccess(flags, env({ KUBECONFIG }))).server).toBe(run.stdout);
  });
});
