/**
 * Issue 5 budgets, against the stand-in cluster (real etcd behind the stand-in API server):
 * - `stats` over the large:100000 seed against a keys-and-sizes listing with the real kubectl and etcdctl
 *   (`kubectl exec ... -- etcdctl get --prefix "" -w json`) in the same run, rounds interleaved; and its peak memory
 *   (GNU time's maximum resident set size) against 250 MB;
 * - `watch`: from a write (put through etcd's JSON gateway, so no process start counts) to the row printed, over 100
 *   writes one after another, median against 200 ms, p99 reported.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../test/cluster/cluster.js';
import { clusterBenchUnavailable, kubectlEtcdctlListing, timedRun } from './cluster-runs.js';
import { median, type BudgetLine } from './measure.js';

const repo = join(import.meta.dirname, '..');
const plugin = join(repo, 'bin', 'kubectl-etcd');
const MEMORY_BUDGET_MB = 250;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export async function statsOverLargeSeed(rounds = 3): Promise<BudgetLine[]> {
  const why = clusterBenchUnavailable();
  if (why !== undefined) {
    process.stderr.write(`#5 stats over large:100000: skipped (${why})\n`);
    return [];
  }
  const cluster = await startCluster({ profile: 'kubeadm', seed: 'large:100000' });
  try {
    const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath };
    const samples = { stats: [] as number[], listing: [] as number[], peaks: [] as number[] };
    const runStats = () => timedRun(plugin, ['stats'], env);
    const runListing = () => timedRun('kubectl', kubectlEtcdctlListing(cluster, ''), env);
    await runStats();
    await runListing();
    for (let round = 0; round < rounds; round++) {
      const stats = await runStats();
      samples.stats.push(stats.ms);
      if (stats.peakMb !== undefined) samples.peaks.push(stats.peakMb);
      samples.listing.push((await runListing()).ms);
    }
    const ours = median(samples.stats);
    const baseline = median(samples.listing);
    const lines: BudgetLine[] = [{
      issue: '#5', what: `stats over large:100000 (${cluster.seed.keys.length} keys), median of ${rounds}`,
      measured: `${(ours / 1000).toFixed(2)} s`, baseline: `kubectl exec etcdctl get --prefix -w json ${(baseline / 1000).toFixed(2)} s`,
      ratio: ours / baseline, budget: 1.3, better: 'lower',
    }];
    if (samples.peaks.length > 0) {
      const peak = Math.max(...samples.peaks);
      lines.push({
        issue: '#5', what: 'stats over large:100000: peak resident memory',
        measured: `${peak.toFixed(0)} MB`, baseline: `${MEMORY_BUDGET_MB} MB`,
        ratio: peak / MEMORY_BUDGET_MB, budget: 1, better: 'lower',
      });
    }
    return lines;
  } finally {
    await cluster.stop();
  }
}

/** Puts one key through etcd's JSON gateway on the member's client port, with the cluster's client certificate. */
function gatewayPut(cluster: Cluster, agent: Agent, key: string, value: string): Promise<void> {
  const url = new URL('/v3/kv/put', cluster.etcd.endpoints()[0]);
  const body = JSON.stringify({ key: Buffer.from(key).toString('base64'), value: Buffer.from(value).toString('base64') });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`etcd gateway answered ${response.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function watchLatency(writes = 100): Promise<BudgetLine[]> {
  if (process.getuid?.() !== 0) {
    process.stderr.write('#5 watch latency: skipped (the stand-in cluster needs root)\n');
    return [];
  }
  const cluster = await startCluster({ profile: 'kubeadm', seed: 'demo' });
  const { caPath, certPath, keyPath } = cluster.etcd.clientTls;
  const agent = new Agent({ keepAlive: true, ca: readFileSync(caPath), cert: readFileSync(certPath), key: readFileSync(keyPath) });
  const watch = spawn(plugin, ['watch', '/registry/configmaps/bench/', '--prefix'], { env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  watch.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ended = new Promise<never>((_, reject) => watch.once('exit', (code) => reject(new Error(`kubectl-etcd watch exited ${code}: ${stderr}`))));
  ended.catch(() => undefined);
  try {
    /** When each key's row arrived. */
    const printed = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    let partial = '';
    watch.stdout.on('data', (chunk: Buffer) => {
      const now = performance.now();
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const key = line.split(/ {3,}/).pop() ?? '';
        printed.set(key, now);
        waiting.get(key)?.();
      }
    });
    const writeAndWait = async (key: string): Promise<number> => {
      const shown = new Promise<void>((resolve) => waiting.set(key, resolve));
      const start = performance.now();
      await gatewayPut(cluster, agent, key, `value of ${key}`);
      await Promise.race([shown, ended]);
      return (printed.get(key) as number) - start;
    };
    // Changes count from the revision the watch starts at, which it says once it knows it; the first change then
    // proves its stream is up, and is not counted.
    await Promise.race([new Promise<void>((resolve) => watch.stderr.on('data', () => stderr.includes('watching') && resolve())), ended]);
    await writeAndWait('/registry/configmaps/bench/warm-up');
    const latencies: number[] = [];
    for (let i = 0; i < writes; i++) latencies.push(await writeAndWait(`/registry/configmaps/bench/key-${i}`));
    const p50 = median(latencies);
    const p99 = percentile(latencies, 99);
    return [{
      issue: '#5', what: `watch: write to printed row, ${writes} writes one after another (p99 ${p99.toFixed(1)} ms)`,
      measured: `median ${p50.toFixed(1)} ms`, baseline: 'budget 200 ms',
      ratio: p50 / 200, budget: 1, better: 'lower',
    }];
  } finally {
    watch.kill('SIGINT');
    agent.destroy();
    await cluster.stop();
  }
}
