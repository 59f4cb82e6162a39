/**
 * The launcher bin/kubectl-etcd runs in a checkout (dist/kubectl-etcd-launch.cjs on the pinned Node): its
 * build-time help is yargs' own, the code cache the build made is the one V8 takes, and it runs with the Node
 * options the single executables are built with.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_NODE_OPTIONS } from '../../scripts/release/bundle.js';
import { cliPath, repoRoot, runCli } from './run-cli.js';

describe('the launcher', () => {
  it('answers --help and -h with what yargs lays out when it runs (the npm build), byte for byte', () => {
    const live = spawnSync(process.execPath, [join(repoRoot, 'dist', 'kubectl-etcd.mjs'), '--help'], { encoding: 'utf8' });
    expect(live.status).toBe(0);
    expect(live.stdout).toContain('Usage: kubectl etcd <command> [flags]');
    for (const flag of ['--help', '-h']) {
      const result = runCli([flag]);
      expect({ flag, status: result.status, stderr: result.stderr }).toEqual({ flag, status: 0, stderr: '' });
      expect(result.stdout.toString('utf8')).toBe(live.stdout);
    }
  });

  it('lays help out with yargs when it is asked for more than the top level', () => {
    const result = runCli(['get', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout.toString('utf8').split('\n')[0]).toBe('kubectl etcd get <target> [name]');
  });

  it('starts the CLI with the code cache the build made: V8 takes it', () => {
    const result = runCli(['decode', join(repoRoot, 'examples', 'deployment.pb')], { env: { ...process.env, KUBECTL_ETCD_DEBUG: '1' } });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout.toString('utf8')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
  });

  it('passes Node the options a single executable is built with', () => {
    const script = readFileSync(cliPath, 'utf8');
    for (const option of LAUNCH_NODE_OPTIONS) expect(script).toContain(` ${option} `);
  });
});
