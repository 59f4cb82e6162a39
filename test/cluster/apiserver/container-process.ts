/**
 * Runs a command inside a container's root file system the way runc does: the command is looked up in the
 * container's PATH inside the root file system (symbolic links resolved there, never on the host), and a missing
 * command fails with runc's own error text before anything starts.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, readlink, stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, posix } from 'node:path';
import type { Container } from '../model.js';

/** A command the runtime could not start; `message` is what containerd reports (the kubelet wraps it further). */
export class ExecStartError extends Error {}

const MAX_SYMLINK_HOPS = 40;
// unshare with no namespace flags only changes root and working directory: a chroot that can also set the cwd.
const UNSHARE = '/usr/bin/unshare';

/** The host path of `containerPath` inside `rootfs`, following symbolic links as the container would see them. */
async function resolveInRootfs(rootfs: string, containerPath: string): Promise<string | undefined> {
  const pending = containerPath.split('/').filter((part) => part !== '');
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const hostPath = join(rootfs, ...resolved, part);
    const info = await lstat(hostPath).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) {
      if (++hops > MAX_SYMLINK_HOPS) return undefined;
      const target = await readlink(hostPath);
      if (target.startsWith('/')) resolved = [];
      pending.unshift(...target.split('/').filter((p) => p !== ''));
      continue;
    }
    if (pending.length > 0 && !info.isDirectory()) return undefined;
    resolved.push(part);
  }
  return join(rootfs, ...resolved);
}

async function isExecutableFile(hostPath: string): Promise<boolean> {
  const info = await stat(hostPath).catch(() => undefined);
  return info !== undefined && info.isFile() && (info.mode & 0o111) !== 0;
}

function workingDirOf(container: Container): string {
  return container.workingDir ?? '/';
}

/** Go's exec.LookPath inside the container; the error text is runc's. */
async function lookPath(container: Container, name: string): Promise<string> {
  if (name.includes('/')) {
    const containerPath = posix.resolve(workingDirOf(container), name);
    const hostPath = await resolveInRootfs(container.rootfs, containerPath);
    if (hostPath === undefined) throw new Error(`exec: "${name}": stat ${name}: no such file or directory`);
    if (!(await isExecutableFile(hostPath))) throw new Error(`exec: "${name}": permission denied`);
    return containerPath;
  }
  for (const dir of (container.env['PATH'] ?? '').split(':')) {
    const containerPath = posix.resolve(workingDirOf(container), dir === '' ? '.' : dir, name);
    const hostPath = await resolveInRootfs(container.rootfs, containerPath);
    if (hostPath !== undefined && (await isExecutableFile(hostPath))) return containerPath;
  }
  throw new Error(`exec: "${name}": executable file not found in $PATH`);
}

/** containerd's wording when runc cannot start an exec process (its exec ID is random, 64 hex digits). */
function runtimeStartFailure(cause: string): string {
  const execId = randomBytes(32).toString('hex');
  return (
    `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: ` +
    `exec failed: unable to start container process: ${cause}: unknown`
  );
}

/** Starts `argv` in the container, or rejects with ExecStartError when the runtime would refuse to start it. */
export async function startInContainer(container: Container, argv: readonly string[], stdio: StdioOptions): Promise<ChildProcess> {
  const [name = '', ...args] = argv;
  let containerPath: string;
  try {
    containerPath = await lookPath(container, name);
  } catch (error) {
    throw new ExecStartError(runtimeStartFailure((error as Error).message));
  }
  return spawn(UNSHARE, [`--root=${container.rootfs}`, `--wd=${workingDirOf(container)}`, '--', containerPath, ...args], {
    env: container.env,
    stdio,
  });
}

/** The exit status a runtime reports: the code, or 128 + the signal number for a killed process. */
export function exitStatusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}
