/** Running commands against the stand-in cluster for the benchmarks: availability, timing with peak memory, and
 * the real kubectl + etcdctl baseline listing. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Cluster } from '../test/cluster/cluster.js';

const GNU_TIME = '/usr/bin/time';

/** Why the cluster benchmarks cannot run here, or undefined when they can. */
export function clusterBenchUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the stand-in cluster needs root';
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) return 'kubectl is not on PATH';
  return undefined;
}

/**
 * Wall time of one run in ms and, when GNU time is there, its peak resident memory in MB; rejects when it fails.
 * Asynchronous: the stand-in API server runs in this process and must keep answering while the command runs.
 */
export function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number | undefined }> {
  const withTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const child = withTime
    ? spawn(GNU_TIME, ['-f', '%M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env })
    : spawn(command, [...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const text = Buffer.concat(stderr).toString();
      if (status !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${status}: ${text.slice(-500)}`));
        return;
      }
      const kilobytes = withTime ? Number(text.trim().split('\n').pop()) : NaN;
      resolve({ ms, peakMb: Number.isFinite(kilobytes) ? kilobytes / 1024 : undefined });
    });
  });
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
