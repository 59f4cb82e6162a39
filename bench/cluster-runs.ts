/** Running commands against the stand-in cluster for the benchmarks: availability, timing with peak memory, and
 * the real kubectl + etcdctl baseline listing. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Cluster } from '../test/cluster/cluster.js';

const GNU_TIME = '/usr/bin/time';

/** Why the cluster benchmarks cannot run here, or undefined when they can. */
export function clusterBenchUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the stand-in cluster needs root';
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) return 'kubectl is not on PATH';
  return undefined;
}

/** Wall time of one run in ms and, when GNU time is there, its peak resident memory in MB; throws when it fails. */
export function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv): { ms: number; peakMb: number | undefined } {
  const withTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const result = withTime
    ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env, maxBuffer: 1 << 26 })
    : spawnSync(command, [...args], { stdio: ['ignore', 'ignore', 'pipe'], env, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString();
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${stderr.slice(-500)}`);
  const kilobytes = withTime ? Number(stderr.trim().split('\n').pop()) : NaN;
  return { ms, peakMb: Number.isFinite(kilobytes) ? kilobytes / 1024 : undefined };
}

/** `kubectl exec` of etcdctl in the first etcd pod with the flags kubeadm's pod spec gives it, listing `prefix`. */
export function kubectlEtcdctlListing(cluster: Cluster, prefix: string): string[] {
  const pki = '/etc/kubernetes/pki/etcd';
  const member = cluster.etcd.members[0];
  const pod = cluster.state.pods.find((p) => p.object.metadata.labels?.['component'] === 'etcd')?.object.metadata;
  if (member === undefined || pod === undefined) throw new Error('the cluster has no etcd pod');
  return [
    'exec', '-n', pod.namespace, pod.name, '-c', 'etcd', '--',
    'etcdctl', `--endpoints=${member.clientUrl}`, `--cacert=${pki}/ca.crt`, `--cert=${pki}/server.crt`, `--key=${pki}/server.key`,
    'get', '--prefix', prefix, '-w', 'json',
  ];
}
