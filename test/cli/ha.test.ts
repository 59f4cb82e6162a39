/**
 * Three etcd members, one of them killed (the one whose pod kubectl-etcd tries first): the commands still work
 * through another member, and `endpoint health`/`endpoint status` show the dead one, with exit status 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeResponse } from '../../src/etcd/etcdctl-json.js';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { useCluster } from '../cluster/harness.js';
import { clusterUnavailable } from '../kube/helpers.js';
import { cliFor, scratchDir, type CliRun, type RunOptions } from './cli-runner.js';

const unavailable = clusterUnavailable();

interface EndpointJson {
  endpoint: string;
  id: string;
  name: string;
  health?: boolean;
  error?: string;
  isLeader?: boolean;
  version?: string;
}

function endpointsIn(json: string): EndpointJson[] {
  return (parseJsonExact(json) as unknown as { endpoints: EndpointJson[] }).endpoints;
}

describe.skipIf(unavailable)(`three members, one down${unavailable ? ` (${unavailable})` : ''}`, () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 3, seed: 'demo' });
  let scratch: { dir: string; remove: () => Promise<void> };
  let cli: (args: readonly string[], options?: RunOptions) => Promise<CliRun>;
  let dead: { name: string; clientUrl: string };

  beforeAll(async () => {
    scratch = await scratchDir();
    cli = cliFor(cluster().kubeconfigPath, scratch.dir);
    const before = await cli(['member', 'list', '-o', 'json']);
    expect(before.code).toBe(0);
    const members = (parseJsonExact(before.out) as { members: { name: string; isLeader: boolean }[] }).members;
    expect(members.map((m) => m.name).sort()).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3']);
    expect(members.filter((m) => m.isLeader)).toHaveLength(1);
    // etcd-control-plane-1 is the pod tried first.
    const member = cluster().etcd.members.find((m) => m.name === 'control-plane-1');
    if (member === undefined) throw new Error('no member control-plane-1');
    dead = { name: member.name, clientUrl: member.clientUrl };
    await cluster().etcd.kill(member.name);
    await cluster().etcd.waitHealthy();
  });
  afterAll(async () => {
    await scratch?.remove();
  });

  it('get still reads everything, through another member', async () => {
    const run = await cli(['get', 'deploy', '-A', '-o', 'name']);
    expect(run).toMatchObject({ code: 0, out: 'deployment.apps/coredns\ndeployment.apps/api\ndeployment.apps/web\n', stderr: '' });
  });

  it('member list lists all three members, the dead one too, and a live leader', async () => {
    const run = await cli(['member', 'list', '-o', 'json']);
    expect(run.code).toBe(0);
    const members = (parseJsonExact(run.out) as { members: { name: string; isLeader: boolean }[] }).members;
    expect(members.map((m) => m.name).sort()).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3']);
    expect(members.find((m) => m.isLeader)?.name).not.toBe(dead.name);
  });

  it('endpoint health shows the dead member unhealthy and the others healthy, and exits 1', async () => {
    const run = await cli(['endpoint', 'health', '-o', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 1 of 3 endpoints unhealthy');
    const endpoints = endpointsIn(run.out);
    expect(endpoints.map((e) => [e.name, e.health]).sort()).toEqual([['control-plane-1', false], ['control-plane-2', true], ['control-plane-3', true]]);
    expect(endpoints.find((e) => e.name === dead.name)).toMatchObject({ endpoint: dead.clientUrl, error: expect.stringMatching(/\S/) });
    const table = await cli(['endpoint', 'health']);
    expect(table.out).toMatch(new RegExp(`${dead.clientUrl.replaceAll('.', '\\.')} +[0-9a-f]+ +control-plane-1 +false +`));
  });

  it('endpoint status shows the live members with versions and leader, and the dead one with its error', async () => {
    const run = await cli(['endpoint', 'status', '-o', 'json']);
    expect(run.code).toBe(1);
    const endpoints = endpointsIn(run.out);
    expect(endpoints).toHaveLength(3);
    const [down, ...up] = [endpoints.find((e) => e.name === dead.name), ...endpoints.filter((e) => e.name !== dead.name)];
    expect(down?.error).toContain(dead.clientUrl);
    for (const live of up) expect(live?.version).toMatch(/^3\.\d+\.\d+$/);
    expect(up.filter((e) => e?.isLeader)).toHaveLength(1);
  });

  it('put and del still write, through a live member', async () => {
    const key = '/registry/configmaps/default/during-outage';
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: during-outage\n  namespace: default\ndata:\n  a: b\n';
    const put = await cli(['put', key, '-f', '-', '--yes'], { input: yaml });
    expect(put).toMatchObject({ code: 0 });
    const { stdout } = await cluster().etcd.etcdctl(['get', '-w', 'json', key]);
    expect(parseRangeResponse(stdout.toString('utf8')).kvs).toHaveLength(1);
    expect(await cli(['del', key, '--yes'])).toMatchObject({ code: 0, out: 'deleted 1 key\n' });
  });
});
