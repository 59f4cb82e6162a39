/**
 * Runs the built kubectl-etcd (bin/kubectl-etcd, as a user's shell would) and reports what a user sees: exit
 * status, stdout bytes, stderr text. Each run gets a scratch HOME so no personal kubeconfig leaks in.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Cluster, ClusterOptions } from '../cluster/cluster.js';
import { useCluster } from '../cluster/harness.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const launcher = join(repoRoot, 'bin', 'kubectl-etcd');

export interface CliRun {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** stdout as text. */
  out: string;
}

export function requireBuild(): void {
  if (!existsSync(join(repoRoot, 'dist', 'kubectl-etcd.mjs'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does) before these tests');
  }
}

export interface RunOptions {
  input?: Uint8Array | string;
  env?: NodeJS.ProcessEnv;
}

export function runProgram(file: string, args: readonly string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    const child = execFile(file, args, { env: { ...env, ...options.env }, encoding: 'buffer', maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolvePromise({ code, stdout, stderr: stderr.toString('utf8'), out: stdout.toString('utf8') });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** A scratch folder for HOME (kubectl caches, no ~/.kube/config) and PATH additions; removed by `remove`. */
export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** kubectl-etcd bound to a kubeconfig, stdin a pipe (never a terminal). */
export function cliFor(kubeconfigPath: string, home: string): (args: readonly string[], options?: RunOptions) => Promise<CliRun> {
  requireBuild();
  const env = { PATH: process.env['PATH'], HOME: home, KUBECONFIG: kubeconfigPath };
  return (args, options) => runProgram(launcher, args, env, options);
}

/**
 * For a suite against a stand-in cluster: the cluster (started before, stopped after the suite) and kubectl-etcd
 * bound to its kubeconfig, run from a scratch HOME that is removed afterwards.
 */
export interface ClusterCli {
  readonly cluster: () => Cluster;
  /** The scratch HOME the CLI runs with (a place for files the test writes). */
  readonly home: () => string;
  readonly cli: (args: readonly string[], options?: RunOptions) => Promise<CliRun>;
}

export function useClusterCli(options: ClusterOptions): ClusterCli {
  const cluster = useCluster(options);
  let scratch: { dir: string; remove: () => Promise<void> } | undefined;
  let bound: ((args: readonly string[], options?: RunOptions) => Promise<CliRun>) | undefined;
  beforeAll(async () => {
    scratch = await scratchDir();
    bound = cliFor(cluster().kubeconfigPath, scratch.dir);
  });
  afterAll(async () => {
    await scratch?.remove();
  });
  return {
    cluster,
    home: () => {
      if (scratch === undefined) throw new Error('useClusterCli: the suite has not started');
      return scratch.dir;
    },
    cli: (args, runOptions) => {
      if (bound === undefined) throw new Error('useClusterCli: the suite has not started');
      return bound(args, runOptions);
    },
  };
}

/** A folder on PATH holding `kubectl-etcd`, so `kubectl etcd ...` finds the plugin as kubectl's plugin mechanism does. */
export async function pluginPath(dir: string): Promise<string> {
  const bin = join(dir, 'plugins');
  await mkdir(bin, { recursive: true });
  await symlink(launcher, join(bin, 'kubectl-etcd'));
  return `${bin}:${process.env['PATH'] ?? ''}`;
}
