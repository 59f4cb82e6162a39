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

/** A folder on PATH holding `kubectl-etcd`, so `kubectl etcd ...` finds the plugin as kubectl's plugin mechanism does. */
export async function pluginPath(dir: string): Promise<string> {
  const bin = join(dir, 'plugins');
  await mkdir(bin, { recursive: true });
  await symlink(launcher, join(bin, 'kubectl-etcd'));
  return `${bin}:${process.env['PATH'] ?? ''}`;
}
