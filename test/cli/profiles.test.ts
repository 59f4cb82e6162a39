/**
 * Every distribution the stand-in cluster models, through the built kubectl-etcd: where etcd runs in a pod
 * (kubeadm with etcd 3.5, minikube, RKE2, OpenShift) the commands work with that distribution's pod, container,
 * certificates and key prefix; where it does not (k3s, a managed control plane) each command fails at once with
 * exit status 4 and says what kind of cluster this is and what to do instead.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { parseRangeResponse } from '../../src/etcd/etcdctl-json.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import { useCluster } from '../cluster/harness.js';
import type { ProfileName } from '../cluster/profiles.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { cliFor, scratchDir, type CliRun, type RunOptions } from './cli-runner.js';

const unavailable = clusterUnavailable();

const WORKING: { profile: ProfileName; prefix: string; pod: string }[] = [
  { profile: 'kubeadm-3.5', prefix: '/registry', pod: 'kube-system/etcd-control-plane-1' },
  { profile: 'minikube', prefix: '/registry', pod: 'kube-system/etcd-minikube' },
  { profile: 'rke2', prefix: '/registry', pod: 'kube-system/etcd-' },
  { profile: 'openshift', prefix: '/kubernetes.io', pod: 'openshift-etcd/etcd-' },
];

const NO_ETCD_POD: { profile: ProfileName; says: RegExp }[] = [
  { profile: 'k3s', says: /this is k3s with embedded etcd/ },
  { profile: 'managed', says: /this is Amazon EKS: the provider runs etcd for you/ },
];

function usingCli(kubeconfig: () => string) {
  let scratch: { dir: string; remove: () => Promise<void> } | undefined;
  let cli: ((args: readonly string[], options?: RunOptions) => Promise<CliRun>) | undefined;
  beforeAll(async () => {
    scratch = await scratchDir();
    cli = cliFor(kubeconfig(), scratch.dir);
  });
  afterAll(async () => {
    await scratch?.remove();
  });
  return {
    run: (args: readonly string[], options?: RunOptions) => (cli as NonNullable<typeof cli>)(args, options),
    dir: () => (scratch as NonNullable<typeof scratch>).dir,
  };
}

describe.skipIf(unavailable).each(WORKING)(`profile $profile${unavailable ? ` (${unavailable})` : ''}`, ({ profile, prefix, pod }) => {
  const cluster = useCluster({ profile, seed: 'demo' });
  const cli = usingCli(() => cluster().kubeconfigPath);

  it(`get reads resources under ${prefix} from the distribution's etcd pod`, async () => {
    const list = await cli.run(['get', 'deploy', '-A', '-o', 'name', '-v']);
    expect(list).toMatchObject({ code: 0, out: 'deployment.apps/coredns\ndeployment.apps/api\ndeployment.apps/web\n' });
    expect(list.stderr).toContain(pod);
    expect(list.stderr).toContain(`key prefix ${prefix}`);
    const { stdout } = await cluster().etcd.etcdctl(['get', '-w', 'json', `${prefix}/deployments/shop/web`]);
    const stored = decodeStoredValue(parseRangeResponse(stdout.toString('utf8')).kvs[0]?.value ?? Buffer.alloc(0));
    if (stored.status !== 'decoded') throw new Error('the seeded Deployment did not decode');
    expect((await cli.run(['get', 'deploy', 'web', '-n', 'shop'])).out).toBe(toKubectlYaml(stored.object));
    const crs = await cli.run(['get', 'ct', '-A', '-o', 'name']);
    expect(crs.out).toBe('crontab.stable.example.com/cache-warmer\ncrontab.stable.example.com/nightly-report\n');
  });

  it('ls, member list, endpoint status and health, and etcdctl passthrough work', async () => {
    const ls = await cli.run(['ls', '-d', '1']);
    expect(ls.code).toBe(0);
    expect(ls.out).toContain(`${prefix}/\n`);
    const members = await cli.run(['member', 'list', '-o', 'json']);
    expect(members.code).toBe(0);
    expect((parseJsonExact(members.out) as { members: { isLeader: boolean }[] }).members).toMatchObject([{ isLeader: true }]);
    expect(await cli.run(['endpoint', 'health'])).toMatchObject({ code: 0 });
    expect((await cli.run(['endpoint', 'status'])).out).toMatch(/ true +false +\d+ +\d+ +<none>\n$/);
    const passthrough = await cli.run(['etcdctl', '--', 'get', `${prefix}/namespaces/shop`, '--keys-only']);
    expect(passthrough).toMatchObject({ code: 0, out: `${prefix}/namespaces/shop\n\n` });
  });

  it('put and del write through the same pod', async () => {
    const file = join(cli.dir(), 'cm.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: profile-test\n  namespace: default\ndata:\n  a: b\n');
    expect(await cli.run(['put', '-f', file, '--yes'])).toMatchObject({ code: 0 });
    const { stdout } = await cluster().etcd.etcdctl(['get', '--keys-only', `${prefix}/configmaps/default/profile-test`]);
    expect(stdout.toString('utf8')).toBe(`${prefix}/configmaps/default/profile-test\n\n`);
    expect(await cli.run(['del', `${prefix}/configmaps/default/profile-test`, '--yes'])).toMatchObject({ code: 0, out: 'deleted 1 key\n' });
  });
});

describe.skipIf(unavailable).each(NO_ETCD_POD)(`profile $profile${unavailable ? ` (${unavailable})` : ''}`, ({ profile, says }) => {
  const cluster = useCluster({ profile, seed: 'none' });
  const cli = usingCli(() => cluster().kubeconfigPath);

  it.each([
    [['get', 'pods', '-A']],
    [['ls']],
    [['member', 'list']],
    [['endpoint', 'health']],
    [['etcdctl', '--', 'member', 'list']],
    [['del', '/registry/x', '--yes']],
  ])('%j fails at once with exit 4 and the explanation', async (args) => {
    const run = await cli.run(args);
    expect(run).toMatchObject({ code: 4, out: '' });
    expect(run.stderr).toMatch(/^error: no etcd pod found/);
    expect(run.stderr).toMatch(says);
    expect(run.stderr).toMatch(/\nhint: /);
  });
});
