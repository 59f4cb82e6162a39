/**
 * Runs the built kubectl-etcd synchronously as a user would (bin/kubectl-etcd) and captures what they see; for
 * offline commands. Commands against the stand-in cluster use the asynchronous runner in cli-runner.ts (the
 * cluster's API server lives in the test process and must keep answering).
 */
import { spawnSync } from 'node:child_process';
import { launcher, repoRoot, requireBuild } from './cli-runner.js';

export { repoRoot };
export const cliPath = launcher;

export interface CliResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliResult {
  requireBuild();
  const result = spawnSync(cliPath, [...args], {
    input: options.input ?? '',
    env: options.env ?? process.env,
    cwd: options.cwd ?? repoRoot,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}
