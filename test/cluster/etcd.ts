import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runProgram, type RunResult } from './run.js';

/** Host paths of a client certificate the etcd members accept, and the CA that signed them. */
export interface EtcdClientTls {
  caPath: string;
  certPath: string;
  keyPath: string;
}

/** How one member runs: chrooted into its container's root file system, with the command its pod spec names. */
export interface EtcdMemberPlan {
  name: string;
  rootfs: string;
  /** argv inside the container; the first element is resolved against the container's PATH. */
  command: string[];
  /** Environment of the etcd process besides PATH (OpenShift configures etcd through ETCD_* variables). */
  env?: Record<string, string>;
  clientUrl: string;
}

/** `killed` and `stopped` on request; `crashed` when the process exited by itself. */
export type EtcdMemberState = 'running' | 'paused' | 'killed' | 'stopped' | 'crashed';

export interface EtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly state: EtcdMemberState;
  readonly pid: number | undefined;
}

export interface EtcdCluster {
  readonly members: readonly EtcdMember[];
  readonly clientTls: EtcdClientTls;
  /** Client URLs of the members that are running (not killed, stopped or paused). */
  endpoints(): string[];
  /** Runs the host's etcdctl against the running members with the client certificate; rejects on non-zero exit. */
  etcdctl(args: readonly string[], input?: Uint8Array | string): Promise<RunResult>;
  /** Resolves once every running member reports healthy. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  kill(name: string): Promise<void>;
  pause(name: string): void;
  resume(name: string): void;
  /** Starts a killed or stopped member again from its data dir. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

// Every etcd started by this process, so that an abrupt exit of the test runner still ends them.
const liveProcesses = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveProcesses) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
});

const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** argv that runs `command` chrooted into `rootfs`: as root directly, otherwise inside a user namespace mapping us to root. */
export function chrootArgv(rootfs: string, command: readonly string[]): [string, ...string[]] {
  const isRoot = process.getuid?.() === 0;
  return isRoot ? ['chroot', rootfs, ...command] : ['unshare', '--user', '--map-root-user', 'chroot', rootfs, ...command];
}

class Member implements EtcdMember {
  state: EtcdMemberState = 'stopped';
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly plan: EtcdMemberPlan,
    private readonly logPath: string,
  ) {}

  get name(): string {
    return this.plan.name;
  }

  get clientUrl(): string {
    return this.plan.clientUrl;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const [file, ...args] = chrootArgv(this.plan.rootfs, this.plan.command);
    const log = createWriteStream(this.logPath, { flags: 'a' });
    const child = spawn(file, args, { env: { ...this.plan.env, PATH: CONTAINER_PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    liveProcesses.add(child);
    this.child = child;
    this.state = 'running';
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        liveProcesses.delete(child);
        log.end();
        if (this.state === 'running' || this.state === 'paused') this.state = 'crashed';
        resolve();
      });
    });
  }

  hasExited(): boolean {
    return this.child === undefined || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.hasExited()) this.child?.kill(signal);
  }

  async end(signal: NodeJS.Signals, finalState: EtcdMemberState, graceMs: number): Promise<void> {
    if (this.hasExited()) {
      this.state = finalState;
      return;
    }
    this.signal('SIGCONT');
    this.signal(signal);
    const ended = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!ended) {
      this.signal('SIGKILL');
      await this.exited;
    }
    this.state = finalState;
  }

  async logTail(): Promise<string> {
    const log = await readFile(this.logPath, 'utf8').catch(() => '');
    return log.split('\n').slice(-15).join('\n');
  }
}

/**
 * Starts every member (each chrooted into its rootfs with its pod's command) and waits until they serve.
 * Logs go to `<logDir>/<member>.log`.
 */
export async function startEtcdCluster(
  plans: readonly EtcdMemberPlan[],
  clientTls: EtcdClientTls,
  logDir: string,
): Promise<EtcdCluster> {
  const members = plans.map((plan) => new Member(plan, join(logDir, `etcd-${plan.name}.log`)));
  const byName = (name: string): Member => {
    const member = members.find((m) => m.name === name);
    if (!member) throw new Error(`no etcd member named ${name}; members: ${members.map((m) => m.name).join(', ')}`);
    return member;
  };
  const tlsArgs = ['--cacert', clientTls.caPath, '--cert', clientTls.certPath, '--key', clientTls.keyPath];
  const endpoints = () => members.filter((m) => m.state === 'running').map((m) => m.clientUrl);

  const cluster: EtcdCluster = {
    members,
    clientTls,
    endpoints,
    etcdctl: (args, input) =>
      runProgram('etcdctl', ['--endpoints', endpoints().join(','), ...tlsArgs, ...args], {
        input,
        env: { PATH: process.env.PATH, ETCDCTL_API: '3' },
      }),
    async waitHealthy(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const crashed = members.find((m) => m.state === 'crashed');
        if (crashed) throw new Error(`etcd member ${crashed.name} exited:\n${await crashed.logTail()}`);
        const healthy = await runProgram(
          'etcdctl',
          ['--endpoints', endpoints().join(','), ...tlsArgs, '--command-timeout', '2s', 'endpoint', 'health'],
          { env: { PATH: process.env.PATH, ETCDCTL_API: '3' } },
        ).then(() => true, () => false);
        if (healthy) return;
        if (Date.now() > deadline) {
          const tails = await Promise.all(members.map(async (m) => `--- ${m.name}\n${await m.logTail()}`));
          throw new Error(`etcd did not become healthy within ${timeoutMs} ms:\n${tails.join('\n')}`);
        }
        await sleep(100);
      }
    },
    kill: (name) => byName(name).end('SIGKILL', 'killed', 5_000),
    pause(name) {
      const member = byName(name);
      member.signal('SIGSTOP');
      member.state = 'paused';
    },
    resume(name) {
      const member = byName(name);
      member.signal('SIGCONT');
      member.state = 'running';
    },
    async restart(name) {
      const member = byName(name);
      if (!member.hasExited()) throw new Error(`etcd member ${name} is still running`);
      member.start();
      await cluster.waitHealthy();
    },
    async stop() {
      // Members stopping together wait on each other (a leader hands over leadership first): the data is thrown
      // away, so a short grace before SIGKILL is enough.
      await Promise.all(members.map((m) => m.end('SIGTERM', 'stopped', 2_000)));
    },
  };

  for (const member of members) member.start();
  try {
    await cluster.waitHealthy();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
