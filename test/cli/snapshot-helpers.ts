/**
 * What the snapshot tests share: running the built CLI asynchronously (so a test can interrupt it), listing what a
 * save may leave behind in the stand-in cluster, dumping an etcd's keys with the real etcdctl, and putting a snapshot
 * back with the real `etcdctl snapshot restore` and a real etcd to read it from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseRangeResponse } from '../../src/etcd/etcdctl-json.js';
import type { Cluster } from '../cluster/cluster.js';
import { pickFreePorts } from '../cluster/ports.js';
import { runProgram } from '../cluster/run.js';
import { cliPath, repoRoot } from './run-cli.js';

export interface CliOutcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The launcher to run: this checkout's, or KUBECTL_ETCD_CLI (a build copied away from a tree being rebuilt). */
const cli = process.env['KUBECTL_ETCD_CLI'] ?? cliPath;

/** The built CLI, started; `done` settles when it exits. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<CliOutcome>; stderrSoFar: () => string } {
  const child = spawn(cli, [...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliOutcome>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done, stderrSoFar: () => stderr };
}

export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> {
  return startCli(args, env).done;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() && !entry.isSymbolicLink() ? walk(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

/** Everything a save could leave: pod-side files on the nodes, helper pods in the API, their root file systems. */
export async function leftovers(cluster: Cluster): Promise<string[]> {
  const nodeFiles = (await walk(join(cluster.dir, 'nodes'))).filter((path) => /kubectl-etcd-snapshot-/.test(path));
  const helperPods = cluster.state.pods.filter((p) => p.object.metadata.name.startsWith('kubectl-etcd-helper-')).map((p) => `pod ${p.object.metadata.namespace}/${p.object.metadata.name}`);
  const helperRoots = (await readdir(join(cluster.dir, 'containers'))).filter((name) => name.includes('kubectl-etcd-helper-'));
  return [...nodeFiles, ...helperPods, ...helperRoots];
}

export interface DumpedKey {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
  readonly lease: string;
}

/** Every key of an etcd as `etcdctl get "" --prefix -w json` returns it (value base64, lease as text). */
export function dumpOf(etcdctlJson: Buffer): DumpedKey[] {
  return parseRangeResponse(etcdctlJson.toString('utf8')).kvs.map((kv) => ({
    key: kv.key.toString('utf8'),
    value: kv.value.toString('base64'),
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
    lease: String(kv.lease),
  }));
}

const ETCDCTL_ENV = { PATH: process.env['PATH'], ETCDCTL_API: '3' };

/**
 * Restores `file` with the real `etcdctl snapshot restore`, starts a real etcd on the result, and returns what it
 * holds; the etcd and its files are gone afterwards.
 */
export async function restoreAndDump(file: string): Promise<DumpedKey[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-restore-'));
  const [client, peer] = await pickFreePorts(2);
  const clientUrl = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const data = join(dir, 'data');
  let etcd: ChildProcess | undefined;
  try {
    await runProgram('etcdctl', ['snapshot', 'restore', file, '--name', 'restored', '--initial-cluster', `restored=${peerUrl}`, '--initial-advertise-peer-urls', peerUrl, '--data-dir', data], { env: ETCDCTL_ENV });
    etcd = spawn('etcd', ['--name', 'restored', '--data-dir', data, '--listen-client-urls', clientUrl, '--advertise-client-urls', clientUrl, '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl, '--initial-cluster', `restored=${peerUrl}`], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => etcd?.once('exit', () => resolve()));
    for (let attempt = 0; ; attempt++) {
      const healthy = await runProgram('etcdctl', ['--endpoints', clientUrl, '--command-timeout', '2s', 'endpoint', 'health'], { env: ETCDCTL_ENV }).then(() => true, () => false);
      if (healthy) break;
      if (attempt > 300 || etcd.exitCode !== null) throw new Error('the restored etcd did not start');
      await Promise.race([sleep(100), exited]);
    }
    const { stdout } = await runProgram('etcdctl', ['--endpoints', clientUrl, 'get', '', '--prefix', '-w', 'json'], { env: ETCDCTL_ENV });
    return dumpOf(stdout);
  } finally {
    if (etcd && etcd.exitCode === null) {
      const gone = new Promise((resolve) => etcd?.once('exit', resolve));
      etcd.kill('SIGKILL');
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  }
}
