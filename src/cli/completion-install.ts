/**
 * `kubectl etcd completion install`: kubectl 1.26+ completes a plugin's arguments by running
 * `kubectl_complete-<plugin>` from PATH. This writes that script into the directory of the kubectl-etcd kubectl
 * runs (the first on PATH: krew's bin directory, npm's, or any other), where it calls that same kubectl-etcd.
 */
import { constants } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { ExitCode, UserError } from './exit-codes.js';

export const COMPLETION_SCRIPT_NAME = 'kubectl_complete-etcd';

/** The script for a Unix shell: the same text as the npm package's bin/kubectl_complete-etcd. */
export const unixCompletionScript = `#!/bin/sh
# kubectl 1.26+ runs kubectl_complete-etcd to complete \`kubectl etcd ...\`: it passes the words typed after
# \`etcd\` and reads one candidate a line. The kubectl-etcd beside this script answers.
exec "$(dirname "$0")/kubectl-etcd" __complete -- "$@"
`;

/** Windows: kubectl finds kubectl_complete-etcd.cmd through PATHEXT. */
const windowsCompletionScript = '@"%~dp0kubectl-etcd.exe" __complete -- %*\r\n';

export interface InstallPlan {
  readonly directory: string;
  readonly path: string;
  readonly content: string;
}

const windows = process.platform === 'win32';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, windows ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The directory of the first kubectl-etcd on PATH: the plugin kubectl runs. */
export async function pluginDirectory(path: string | undefined): Promise<string | undefined> {
  const names = windows ? ['kubectl-etcd.exe', 'kubectl-etcd.cmd'] : ['kubectl-etcd'];
  for (const directory of (path ?? '').split(delimiter).filter((d) => d !== '')) {
    for (const name of names) if (await isExecutable(join(directory, name))) return directory;
  }
  return undefined;
}

export async function installPlan(directory: string | undefined, path: string | undefined): Promise<InstallPlan> {
  const target = directory ?? (await pluginDirectory(path));
  if (target === undefined) {
    throw new UserError('kubectl-etcd is not on PATH, so kubectl cannot run it as a plugin either', ExitCode.error, 'put the directory holding kubectl-etcd on PATH (krew: ~/.krew/bin), or name one with --dir');
  }
  return windows
    ? { directory: target, path: join(target, `${COMPLETION_SCRIPT_NAME}.cmd`), content: windowsCompletionScript }
    : { directory: target, path: join(target, COMPLETION_SCRIPT_NAME), content: unixCompletionScript };
}

/** Writes the script (replacing it whole, never half-written); says whether it was already there as is. */
export async function install(plan: InstallPlan): Promise<'installed' | 'unchanged'> {
  const existing = await readFile(plan.path, 'utf8').catch(() => undefined);
  if (existing === plan.content) return 'unchanged';
  const partial = `${plan.path}.${process.pid}.part`;
  try {
    await writeFile(partial, plan.content, { mode: 0o755 });
    await rename(partial, plan.path);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`cannot write ${plan.path}: permission denied`, ExitCode.error, 'run it as the user that owns that directory, or name another directory on PATH with --dir');
    throw error;
  }
  return 'installed';
}
