/**
 * The launcher bin/kubectl-etcd runs in a checkout (dist/kubectl-etcd-launch.cjs on the pinned Node): its
 * build-time help is yargs' own, the code cache the build made is the one V8 takes, and it runs with the Node
 * options the single executables are built with.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_NODE_OPTIONS } from '../../scripts/release/bundle.js';
import { ETCD_LOCATIONS, podsPath } from '../../src/kube/pods.js';
import { startPodListServer } from '../kube/pod-list-server.js';
import { runProgram } from './cli-runner.js';
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

  it('starts the CLI with the code caches the build made (decode\'s, get\'s, and every command\'s for ls): V8 takes them', () => {
    const env = { ...process.env, KUBECTL_ETCD_DEBUG: '1' };
    const decode = runCli(['decode', join(repoRoot, 'examples', 'deployment.pb')], { env });
    expect({ status: decode.status, stderr: decode.stderr }).toEqual({ status: 0, stderr: '' });
    expect(decode.stdout.toString('utf8')).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    const demo = join(repoRoot, 'examples', 'demo.db');
    for (const args of [['get', 'deploy', '-A', '--snapshot', demo], ['--snapshot', demo, 'ls']]) {
      const result = runCli(args, { env });
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    }
  });

  it('loads @kubernetes/client-node from node_modules (left out of the bundle) for a kubeconfig exec plugin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-etcd-exec-plugin-'));
    try {
      const plugin = join(dir, 'credential-plugin');
      const ran = join(dir, 'plugin-ran');
      writeFileSync(plugin, `#!/bin/sh\ntouch '${ran}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`);
      chmodSync(plugin, 0o755);
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, [
        'apiVersion: v1', 'kind: Config', 'current-context: c',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
        `users: [{name: c, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", interactiveMode: Never}}}]`,
        'contexts: [{name: c, context: {cluster: c, user: c}}]', '',
      ].join('\n'));
      const result = runCli(['get', '/registry/deployments', '--prefix', '--kubeconfig', kubeconfig]);
      expect(existsSync(ran)).toBe(true);
      expect(result.stderr).not.toMatch(/Cannot find module|getting credentials/);
      expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 4, stderr: expect.stringMatching(/127\.0\.0\.1:1/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("asks for the etcd pods once: the CLI takes over the request the launcher sent while it loaded", async () => {
    const server = await startPodListServer();
    try {
      // KUBECTL_ETCD_DEBUG: the launcher would say so if V8 refused the early code's cache or the CLI's.
      const run = await runProgram(cliPath, ['get', '/registry/deployments', '--prefix', '--kubeconfig', server.kubeconfig, '-v'], { PATH: process.env['PATH'], HOME: server.dir, KUBECTL_ETCD_DEBUG: '1' });
      expect(run.code).toBe(4);
      expect(run.stderr).not.toContain('code cache');
      const etcdPods = podsPath(ETCD_LOCATIONS[0]!.namespace, ETCD_LOCATIONS[0]!.selector);
      expect(run.stderr).toContain(`taking over the connection and the request (${etcdPods}) sent while the CLI loaded\n`);
      expect(run.stderr).toMatch(/\nerror: no etcd pod found/);
      expect(server.received[0]).toBe(etcdPods);
      expect(server.count(etcdPods)).toBe(1);
      // The npm build (the ES module bundle on any Node) does the same.
      const fromNpm = await runProgram(process.execPath, [join(repoRoot, 'dist', 'kubectl-etcd.mjs'), 'get', '/registry/deployments', '--prefix', '--kubeconfig', server.kubeconfig, '-v'], { PATH: process.env['PATH'], HOME: server.dir });
      expect(fromNpm.code).toBe(4);
      expect(fromNpm.stderr).toContain(`taking over the connection and the request (${etcdPods}) sent while the CLI loaded\n`);
      expect(server.count(etcdPods)).toBe(2);
      // A command that reads a snapshot file asks the cluster nothing.
      const asked = server.received.length;
      const offline = await runProgram(cliPath, ['get', 'deploy', '-A', '--snapshot', join(repoRoot, 'examples', 'demo.db'), '--kubeconfig', server.kubeconfig], { PATH: process.env['PATH'], HOME: server.dir });
      expect({ code: offline.code, stderr: offline.stderr }).toEqual({ code: 0, stderr: '' });
      expect(server.received.length).toBe(asked);
    } finally {
      await server.stop();
    }
  });

  it("loads Node's TLS stack only for commands that reach the cluster", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-etcd-tls-probe-'));
    try {
      // Preloaded into the CLI's Node: says at exit whether node:tls was ever loaded.
      const probe = join(dir, 'probe.cjs');
      writeFileSync(probe, "process.on('exit', () => process.stderr.write(`tls loaded: ${process.moduleLoadList.includes('NativeModule tls')}\\n`));\n");
      const env = { ...process.env, NODE_OPTIONS: `--require ${probe}` };
      const tlsLoaded = (args: readonly string[]) => /tls loaded: (true|false)\n/.exec(runCli(args, { env }).stderr)?.[1];
      expect(tlsLoaded(['--help'])).toBe('false');
      expect(tlsLoaded(['decode', join(repoRoot, 'examples', 'deployment.pb')])).toBe('false');
      expect(tlsLoaded(['get', 'deploy', '-A', '--snapshot', join(repoRoot, 'examples', 'demo.db')])).toBe('false');
      expect(tlsLoaded(['get', '/registry', '--prefix', '--kubeconfig', join(dir, 'no-such-kubeconfig')])).toBe('true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes Node the options a single executable is built with', () => {
    const script = readFileSync(cliPath, 'utf8');
    for (const option of LAUNCH_NODE_OPTIONS) expect(script).toContain(` ${option} `);
  });
});
