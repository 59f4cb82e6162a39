/**
 * `npm run cluster -- --profile kubeadm --members 1 --seed demo`: starts the stand-in cluster, prints the
 * KUBECONFIG to use, and runs until SIGINT or SIGTERM, then stops everything and removes its files.
 */
import { parseArgs } from 'node:util';
import { startCluster } from './cluster.js';
import { PROFILES, isProfileName } from './profiles.js';
import { isSeedName } from './seed.js';

const usage = `usage: npm run cluster -- [--profile ${Object.keys(PROFILES).join('|')}] [--members 1|3] [--seed none|fixtures|demo|large:N]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'kubeadm' },
    members: { type: 'string', default: '1' },
    seed: { type: 'string', default: 'demo' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!isProfileName(values.profile)) fail(`unknown profile ${values.profile}`);
if (!isSeedName(values.seed)) fail(`unknown seed ${values.seed}`);

const cluster = await startCluster({ profile: values.profile, members: Number(values.members), seed: values.seed });
process.stderr.write(
  `cluster up in ${cluster.timings['total']} ms (${JSON.stringify(cluster.timings)}); ` +
    `${cluster.seed.keys.length} keys under ${cluster.etcdPrefix}; etcd: ${cluster.etcd.endpoints().join(',')}\n` +
    `${cluster.encryptionConfigPath ? `encryption config: ${cluster.encryptionConfigPath}\n` : ''}Ctrl-C stops it and removes ${cluster.dir}\n`,
);
process.stdout.write(`export KUBECONFIG=${cluster.kubeconfigPath}\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping the cluster\n`);
  const stopStarted = Date.now();
  cluster.stop().then(
    () => {
      process.stderr.write(`stopped in ${Date.now() - stopStarted} ms, ${cluster.dir} removed\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
