/**
 * Issue 6 budgets for `snapshot save` and offline reads, on the stand-in cluster (kubeadm: distroless etcd image,
 * so the save goes through a helper pod) seeded with large:100000 (about 115 MiB of etcd database):
 * - offline get: `kubectl-etcd --snapshot FILE get /registry --prefix -o json` (decoded) on a snapshot of it,
 *   against the real etcd serving `etcdctl get --prefix /registry -w json` (no decoding) for the same data. Budget:
 *   at most 1.2x the time.
 * - save: `kubectl-etcd snapshot save` end to end (start-up, helper pod, snapshot, transfer, trailer and integrity
 *   checks, clean-up) against the raw transfer path it uses, done bare in the same run: `etcdctl snapshot save` in
 *   the etcd pod writing into a FIFO that `cat` in a helper pod reads through the exec API into nothing. Budget: at
 *   least 70 % of its throughput. Measured once 400 values of 1 MiB are added (a database of about half a GiB), so
 *   that the rate of the transfer is what counts, not the half second of start-up, helper pod and checks.
 * Processes run asynchronously: the stand-in API server lives in this process and must keep answering.
 * Needs root (the stand-in runs containers); `tsx bench/snapshot.ts` runs it alone.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandWords, flagValue, memberClientConfig } from '../src/etcd/etcd-pod-spec.js';
import { etcdctlArgv } from '../src/etcd/etcdctl-args.js';
import { ApiClient } from '../src/kube/api-client.js';
import { execInPod } from '../src/kube/exec.js';
import { deleteHelperPod, HELPER_MOUNT, DEFAULT_HELPER_IMAGE, startHelperPod } from '../src/kube/helper-pod.js';
import { resolveApiServerAccess } from '../src/kube/kubeconfig.js';
import type { ContainerJson, PodJson } from '../src/kube/pods.js';
import { startCluster, type Cluster } from '../test/cluster/cluster.js';
import { median, type BudgetLine } from './measure.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'bin', 'kubectl-etcd');
const ROUNDS = 3;
const MiB = 1024 * 1024;

/** Milliseconds one run of a program takes, its output thrown away; rejects when it fails. */
function timeProgram(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => {
      if (status === 0) resolve(Number(process.hrtime.bigint() - started) / 1e6);
      else reject(new Error(`${file} ${args.join(' ')} exited ${status}: ${stderr}`));
    });
  });
}

/** Runs the variants in turn, round after round (so machine noise hits all alike), after one warm-up each. */
async function compare(variants: Record<string, () => Promise<number>>): Promise<Record<string, number>> {
  for (const run of Object.values(variants)) await run();
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) samples[name]?.push(await run());
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** The bare path: etcdctl writes the snapshot into a FIFO in the etcd pod's data dir, cat hands it over, rm. */
async function rawTransfer(cluster: Cluster, client: ApiClient): Promise<{ run: () => Promise<number>; close: () => Promise<void> }> {
  const entry = cluster.state.pods.find((p) => p.object.metadata.labels?.['component'] === 'etcd');
  if (!entry) throw new Error('no etcd pod');
  const pod = entry.object as unknown as PodJson;
  const container = pod.spec.containers[0] as ContainerJson;
  const dataDir = flagValue(commandWords(container), 'data-dir') ?? '/var/lib/etcd';
  const helper = await startHelperPod(client, { namespace: 'kube-system', node: pod.spec.nodeName ?? '', image: DEFAULT_HELPER_IMAGE, nodeDir: dataDir });
  const { endpoint, tls } = memberClientConfig(pod, container, undefined);
  const exec = async (target: { namespace: string; pod: string; container: string }, command: string[], failure?: RegExp) => {
    const result = await execInPod(client, { ...target, command, onStdout: () => undefined });
    if (result.exitCode !== 0 && !failure?.test(result.stderr.toString('utf8'))) throw new Error(`${command.join(' ')} exited ${result.exitCode}: ${result.stderr.toString('utf8')}`);
  };
  const inEtcd = { namespace: 'kube-system', pod: pod.metadata.name, container: container.name };
  const inHelper = { namespace: helper.namespace, pod: helper.name, container: helper.container };
  return {
    run: async () => {
      await exec(inHelper, ['mkfifo', `${HELPER_MOUNT}/bench-raw.db.part`]);
      const started = process.hrtime.bigint();
      // etcdctl cannot sync a FIFO: it fails once everything is written, as in the save itself.
      await Promise.all([
        exec(inHelper, ['cat', `${HELPER_MOUNT}/bench-raw.db.part`]),
        exec(inEtcd, etcdctlArgv({ endpoints: endpoint ? [endpoint] : [], tls }, ['snapshot', 'save', `${dataDir}/bench-raw.db`]), /invalid argument/),
      ]);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      await exec(inHelper, ['rm', '-f', `${HELPER_MOUNT}/bench-raw.db`, `${HELPER_MOUNT}/bench-raw.db.part`]);
      return elapsed;
    },
    close: () => deleteHelperPod(client, helper),
  };
}

/** Adds `count` values of 1 MiB outside the Kubernetes prefix, through the real etcdctl. */
async function addBlobs(cluster: Cluster, count: number): Promise<void> {
  const value = Buffer.alloc(MiB, 'x');
  for (let i = 0; i < count; i++) await cluster.etcd.etcdctl(['put', `/bench/blobs/${String(i).padStart(4, '0')}`], value);
}

async function offlineGet(cluster: Cluster, dir: string, env: NodeJS.ProcessEnv): Promise<BudgetLine> {
  const file = join(dir, 'large.db');
  await timeProgram(cli, ['snapshot', 'save', file, '--helper-pod'], env);
  const { caPath, certPath, keyPath } = cluster.etcd.clientTls;
  const etcdctl = ['--endpoints', cluster.etcd.endpoints().join(','), '--cacert', caPath, '--cert', certPath, '--key', keyPath, 'get', '--prefix', '/registry', '-w', 'json'];
  const read = await compare({
    etcdctl: () => timeProgram('etcdctl', etcdctl, { PATH: process.env['PATH'], ETCDCTL_API: '3' }),
    ours: () => timeProgram(cli, ['--snapshot', file, 'get', '/registry', '--prefix', '-o', 'json'], { PATH: process.env['PATH'], HOME: dir }),
  });
  const [ourMs, etcdMs] = [read['ours'] as number, read['etcdctl'] as number];
  return {
    issue: '#6', what: 'offline get --prefix /registry -o json on a large:100000 snapshot',
    measured: `${(ourMs / 1000).toFixed(2)} s`, baseline: `etcd + etcdctl get --prefix -w json ${(etcdMs / 1000).toFixed(2)} s`,
    ratio: ourMs / etcdMs, budget: 1.2, better: 'lower',
  };
}

async function saveThroughput(cluster: Cluster, dir: string, env: NodeJS.ProcessEnv): Promise<BudgetLine> {
  const file = join(dir, 'with-blobs.db');
  const client = new ApiClient(await resolveApiServerAccess({ kubeconfig: cluster.kubeconfigPath }));
  const raw = await rawTransfer(cluster, client);
  let save: Record<string, number>;
  try {
    save = await compare({
      raw: raw.run,
      ours: () => timeProgram(cli, ['snapshot', 'save', file, '--helper-pod'], env),
    });
  } finally {
    await raw.close();
    client.close();
  }
  const bytes = (await stat(file)).size;
  const rate = (ms: number) => bytes / MiB / (ms / 1000);
  const [ourRate, rawRate] = [rate(save['ours'] as number), rate(save['raw'] as number)];
  return {
    issue: '#6', what: `snapshot save, kubeadm (distroless, helper pod), ${(bytes / MiB).toFixed(0)} MiB`,
    measured: `${ourRate.toFixed(1)} MiB/s`, baseline: `etcdctl snapshot save into a FIFO + cat via exec ${rawRate.toFixed(1)} MiB/s`,
    ratio: ourRate / rawRate, budget: 0.7, better: 'higher',
  };
}

export async function snapshotSaveAndOfflineRead(): Promise<BudgetLine[]> {
  if (process.getuid?.() !== 0) {
    console.log('#6 snapshot save and offline get: skipped, the stand-in cluster runs containers and needs root');
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-bench-'));
  const cluster = await startCluster({ profile: 'kubeadm', members: 1, seed: 'large:100000' });
  const env = { PATH: process.env['PATH'], HOME: dir, KUBECONFIG: cluster.kubeconfigPath };
  try {
    const read = await offlineGet(cluster, dir, env);
    await addBlobs(cluster, 400);
    return [read, await saveThroughput(cluster, dir, env)];
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await snapshotSaveAndOfflineRead()) console.log(line);
}
