/**
 * A List printed by `get --prefix -o yaml|json` is the same whether its items are formatted on the main thread or
 * on worker threads (KUBECTL_ETCD_THREADS), through the launcher and through the npm build: items in order, the
 * errors for values that stay encrypted, the exit status.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterUnavailable } from '../kube/helpers.js';
import { useClusterCli } from './cli-runner.js';
import { repoRoot, runCli } from './run-cli.js';

const demo = join(repoRoot, 'examples', 'demo.db');
const encryptionConfig = join(repoRoot, 'examples', 'demo-encryption-config.yaml');

function outcome(result: { status: number | null; stdout: Buffer | string; stderr: string }): { status: number | null; stdout: string; stderr: string } {
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr };
}

function viaLauncher(args: readonly string[], threads: number) {
  return outcome(runCli(args, { env: { ...process.env, KUBECTL_ETCD_THREADS: String(threads) } }));
}

function viaNpmBuild(args: readonly string[], threads: number) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'kubectl-etcd.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, KUBECTL_ETCD_THREADS: String(threads) }, maxBuffer: 64 * 1024 * 1024,
  });
  return outcome(result);
}

describe.each([['yaml'], ['json']])('get --prefix -o %s', (format) => {
  const listing = ['--snapshot', demo, 'get', '/registry', '--prefix', '-o', format];

  it('prints the same List on worker threads as on the main thread, decrypting with the config the threads read', () => {
    const single = viaLauncher([...listing, '--encryption-config', encryptionConfig], 0);
    expect(single.status).toBe(0);
    expect(single.stdout).toContain(format === 'yaml' ? 'kind: List' : '"kind": "List"');
    expect(viaLauncher([...listing, '--encryption-config', encryptionConfig], 2)).toEqual(single);
    expect(viaNpmBuild([...listing, '--encryption-config', encryptionConfig], 2)).toEqual(single);
  });

  it('reports the values it cannot decrypt the same way, with exit status 3', () => {
    const single = viaLauncher(listing, 0);
    expect(single.status).toBe(3);
    expect(single.stderr).toMatch(/^error: \/registry\/secrets\/\S+ is encrypted at rest \(aescbc, key key1\)/m);
    expect(viaLauncher(listing, 2)).toEqual(single);
  });
});

// A cluster's keys reach the threads copied into each batch (a snapshot's lie in memory the threads share).
const unavailable = clusterUnavailable();
describe.skipIf(unavailable)(`get --prefix -o json from a cluster (kubeadm, demo seed)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const { cli } = useClusterCli({ profile: 'kubeadm', seed: 'demo' });

  it('prints the same List on worker threads as on the main thread', async () => {
    const listing = ['get', '/registry', '--prefix', '-o', 'json'];
    const single = await cli(listing, { env: { KUBECTL_ETCD_THREADS: '0' } });
    expect(single.code).toBe(3);
    expect(single.out).toContain('"kind": "Deployment"');
    const threaded = await cli(listing, { env: { KUBECTL_ETCD_THREADS: '2' } });
    expect({ code: threaded.code, out: threaded.out, stderr: threaded.stderr }).toEqual({ code: single.code, out: single.out, stderr: single.stderr });
  });
});

// Many batches: the threads write later batches into the memory of earlier ones the main thread has written out.
describe.skipIf(unavailable)(`get --prefix -o json|yaml from a cluster (kubeadm, 3000 generated objects)${unavailable ? ` (${unavailable})` : ''}`, () => {
  const { cli } = useClusterCli({ profile: 'kubeadm', seed: 'large:3000' });

  it.each([['json'], ['yaml']])('prints the same %s List on worker threads as on the main thread', async (format) => {
    const listing = ['get', '/registry', '--prefix', '-o', format];
    const single = await cli(listing, { env: { KUBECTL_ETCD_THREADS: '0' } });
    expect(single.code).toBe(0);
    expect(single.out.split(format === 'json' ? '\n        {\n' : '\n- apiVersion: ').length).toBeGreaterThan(3000);
    const threaded = await cli(listing, { env: { KUBECTL_ETCD_THREADS: '2' } });
    expect({ code: threaded.code, out: threaded.out, stderr: threaded.stderr }).toEqual({ code: single.code, out: single.out, stderr: single.stderr });
  });
});
