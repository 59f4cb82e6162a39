import { describe, expect, it } from 'vitest';
import { useCluster } from './harness.js';
import type { EtcdCluster } from './etcd.js';

interface EndpointStatus {
  endpoint: string;
  memberId: string;
  leader: string;
}

/** `etcdctl endpoint status -w json`, IDs kept as decimal strings (they exceed 2^53). */
async function endpointStatus(etcd: EtcdCluster): Promise<EndpointStatus[]> {
  const { stdout } = await etcd.etcdctl(['endpoint', 'status', '-w', 'json']);
  const text = stdout.toString('utf8');
  return [...text.matchAll(/"Endpoint":"([^"]+)".*?"member_id":(\d+).*?"leader":(\d+)/g)].map((m) => ({
    endpoint: m[1] ?? '',
    memberId: m[2] ?? '',
    leader: m[3] ?? '',
  }));
}

describe('three etcd members forming one Raft cluster', () => {
  const cluster = useCluster({ profile: 'kubeadm', members: 3, seed: 'none' });

  it('has three members that agree on one leader among them', async () => {
    const { etcd } = cluster();
    const statuses = await endpointStatus(etcd);
    expect(statuses).toHaveLength(3);
    const leaders = new Set(statuses.map((s) => s.leader));
    expect(leaders.size).toBe(1);
    expect(statuses.map((s) => s.memberId)).toContain([...leaders][0]);
    const { stdout } = await etcd.etcdctl(['member', 'list']);
    expect(stdout.toString('utf8').trim().split('\n')).toHaveLength(3);
  });

  it('keeps serving reads and writes with the leader killed, and takes the member back after a restart', async () => {
    const { etcd } = cluster();
    const statuses = await endpointStatus(etcd);
    const leader = etcd.members.find((m) => statuses.some((s) => s.endpoint === m.clientUrl && s.memberId === s.leader));
    expect(leader).toBeDefined();
    await etcd.kill(leader?.name ?? '');
    expect(etcd.endpoints()).toHaveLength(2);
    await etcd.waitHealthy();
    await etcd.etcdctl(['put', '/registry/after-kill', 'still serving']);
    const { stdout } = await etcd.etcdctl(['get', '/registry/after-kill', '--print-value-only']);
    expect(stdout.toString('utf8').trim()).toBe('still serving');
    const survivors = await endpointStatus(etcd);
    expect(survivors).toHaveLength(2);
    expect(new Set(survivors.map((s) => s.leader)).size).toBe(1);

    await etcd.restart(leader?.name ?? '');
    expect(etcd.endpoints()).toHaveLength(3);
  });

  it('leaves a paused follower out of the endpoints while the others serve, and resumes it', async () => {
    const { etcd } = cluster();
    const statuses = await endpointStatus(etcd);
    const paused = etcd.members.find((m) => statuses.some((s) => s.endpoint === m.clientUrl && s.memberId !== s.leader))?.name ?? '';
    etcd.pause(paused);
    expect(etcd.endpoints()).toHaveLength(2);
    await etcd.etcdctl(['put', '/registry/while-paused', 'yes']);
    etcd.resume(paused);
    await etcd.waitHealthy();
    expect(etcd.endpoints()).toHaveLength(3);
  });
});
