/**
 * Run by cluster.test.ts as a separate process: starts a cluster, reports what it started, then dies of an
 * uncaught error without calling stop(), as a crashing test runner would.
 */
import { startCluster } from './cluster.js';

const cluster = await startCluster({ profile: 'kubeadm', members: 1, seed: 'none' });
process.stdout.write(`${JSON.stringify({ dir: cluster.dir, pids: cluster.etcd.members.map((m) => m.pid) })}\n`);
throw new Error('crash on purpose, without stop()');
