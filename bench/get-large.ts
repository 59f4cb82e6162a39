/**
 * Issue 4 budget: `kubectl etcd get /registry --prefix -o json` over the large:100000 seed against the real kubectl
 * running `kubectl exec ... -- etcdctl get /registry --prefix -w json` (no decoding) in the same run, rounds
 * interleaved; and its peak resident memory against 250 MB.
 */
import { join } from 'node:path';
import { startCluster } from '../test/cluster/cluster.js';
import { clusterBenchUnavailable, kubectlEtcdctlListing, timedRun } from './cluster-runs.js';
import { median, type BudgetLine } from './measure.js';

const plugin = join(import.meta.dirname, '..', 'bin', 'kubectl-etcd');
const MEMORY_BUDGET_MB = 250;

export async function getOverLargeSeed(rounds = 3): Promise<BudgetLine[]> {
  const why = clusterBenchUnavailable();
  if (why !== undefined) {
    process.stderr.write(`#4 get over large:100000: skipped (${why})\n`);
    return [];
  }
  const cluster = await startCluster({ profile: 'kubeadm', seed: 'large:100000' });
  try {
    const env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath };
    const ours: number[] = [];
    const theirs: number[] = [];
    const peaks: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = await timedRun(plugin, ['get', '/registry', '--prefix', '-o', 'json'], env);
      ours.push(run.ms);
      if (run.peakMb !== undefined) peaks.push(run.peakMb);
      theirs.push((await timedRun('kubectl', kubectlEtcdctlListing(cluster, '/registry'), env)).ms);
    }
    const lines: BudgetLine[] = [{
      issue: '#4', what: `get /registry --prefix -o json over large:100000 (${cluster.seed.keys.length} keys), median of ${rounds}`,
      measured: `${(median(ours) / 1000).toFixed(2)} s`, baseline: `kubectl exec etcdctl get --prefix -w json ${(median(theirs) / 1000).toFixed(2)} s`,
      ratio: median(ours) / median(theirs), budget: 1.2, better: 'lower',
    }];
    if (peaks.length > 0) {
      const peak = Math.max(...peaks);
      lines.push({
        issue: '#4', what: 'get /registry --prefix -o json over large:100000: peak resident memory',
        measured: `${peak.toFixed(0)} MB`, baseline: `${MEMORY_BUDGET_MB} MB`, ratio: peak / MEMORY_BUDGET_MB, budget: 1, better: 'lower',
      });
    }
    return lines;
  } finally {
    await cluster.stop();
  }
}
