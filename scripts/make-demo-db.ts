/**
 * `npx tsx scripts/make-demo-db.ts`: remakes examples/demo.db, the snapshot a fresh checkout can read with no
 * cluster (`npx kubectl-etcd --snapshot examples/demo.db get deployments -A`). It starts the stand-in cluster
 * (kubeadm, one member, the demo seed, real etcd), saves its etcd with the built `kubectl-etcd snapshot save` as a
 * user would, keeps the encryption config that decrypts the seed's encrypted Secret beside it, and stops the
 * cluster. Needs root (the stand-in runs containers) and a build (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../test/cluster/cluster.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'examples', 'demo.db');
const encryptionConfig = join(root, 'examples', 'demo-encryption-config.yaml');

const cluster = await startCluster({ profile: 'kubeadm', members: 1, seed: 'demo' });
try {
  // Not spawnSync: the stand-in API server runs in this process and must keep answering.
  const save = spawn(join(root, 'bin', 'kubectl-etcd'), ['snapshot', 'save', target, '--helper-pod'], {
    env: { PATH: process.env['PATH'], HOME: cluster.dir, KUBECONFIG: cluster.kubeconfigPath },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [status] = (await once(save, 'close')) as [number | null];
  if (status !== 0) throw new Error(`kubectl-etcd snapshot save exited ${status}`);
  if (cluster.encryptionConfigPath === undefined) throw new Error('the demo seed wrote no encryption config');
  await copyFile(cluster.encryptionConfigPath, encryptionConfig);
  process.stderr.write(`wrote ${target} and ${encryptionConfig}\n`);
} finally {
  await cluster.stop();
}
