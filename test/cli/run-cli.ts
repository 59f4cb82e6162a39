/**
 * Runs the built kubectl-etcd as a user would (bin/kubectl-etcd) and captures what they see. `npm test` builds
 * first; a test run without a build fails with a message saying so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(repoRoot, 'bin', 'kubectl-etcd');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliResult {
  if (!existsSync(join(repoRoot, 'dist', 'kubectl-etcd.mjs'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const result = spawnSync(cliPath, [...args], {
    input: options.input ?? '',
    env: options.env ?? process.env,
    cwd: options.cwd ?? repoRoot,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}
