/**
 * A single real etcd (the host's, plain HTTP on 127.0.0.1 free ports) in its own temporary directory, for the
 * snapshot reader's tests: write with etcdctl or the JSON gateway, save snapshots, read the member's file.
 * stop() ends the process and removes the directory; an abrupt exit of the test runner still ends the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requireEtcdTools } from '../../cluster/host-tools.js';
import { pickFreePorts } from '../../cluster/ports.js';
import { runProgram, type RunResult } from '../../cluster/run.js';

export interface ThrowawayEtcd {
  /** The temporary directory: data dir, log, and room for snapshot files (removed by stop()). */
  readonly dir: string;
  readonly endpoint: string;
  /** The member's bbolt file. */
  readonly memberDbPath: string;
  readonly pid: number;
  etcdctl(args: readonly string[], input?: Uint8Array | string): Promise<RunResult>;
  /** POSTs a JSON body to etcd's gRPC gateway (`/v3/kv/put`, `/v3/kv/txn`, ...) and returns the parsed answer. */
  gateway(path: string, body: unknown): Promise<unknown>;
  /** Ends etcd (SIGTERM, then SIGKILL after 10 s) and keeps the directory. */
  halt(): Promise<void>;
  /** Ends etcd and removes the directory. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function waitHealthy(etcd: ThrowawayEtcd, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`etcd exited during start-up:\n${await readFile(logPath, 'utf8').catch(() => '')}`);
    }
    if (await etcd.etcdctl(['--command-timeout=2s', 'endpoint', 'health']).then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error(`etcd did not become healthy in 30 s:\n${await readFile(logPath, 'utf8').catch(() => '')}`);
    await sleep(100);
  }
}

export async function startThrowawayEtcd(extraFlags: readonly string[] = []): Promise<ThrowawayEtcd> {
  await requireEtcdTools();
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-snapshot-'));
  const [clientPort, peerPort] = await pickFreePorts(2);
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const dataDir = join(dir, 'data');
  const logPath = join(dir, 'etcd.log');
  const log = createWriteStream(logPath);
  const child = spawn(
    'etcd',
    [
      '--name=snap', `--data-dir=${dataDir}`,
      `--listen-client-urls=${endpoint}`, `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=snap=${peer}`,
      ...extraFlags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const etcd: ThrowawayEtcd = {
    dir,
    endpoint,
    memberDbPath: join(dataDir, 'member', 'snap', 'db'),
    pid: child.pid ?? -1,
    etcdctl: (args, input) =>
      runProgram('etcdctl', [`--endpoints=${endpoint}`, ...args], { input, env: { PATH: process.env.PATH, ETCDCTL_API: '3' } }),
    async gateway(path, body) {
      const response = await fetch(new URL(path, endpoint), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      const text = await response.text();
      if (!response.ok) throw new Error(`etcd gateway ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as unknown;
    },
    async halt() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const ended = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!ended) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      running.delete(child);
      log.end();
    },
    async stop() {
      await etcd.halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitHealthy(etcd, child, logPath);
  } catch (error) {
    await etcd.stop();
    throw error;
  }
  return etcd;
}
