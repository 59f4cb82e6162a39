/** Shared by the tests that reach the stand-in cluster: an API client for it, and the machine's process table. */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient } from '../../src/kube/api-client.js';
import { resolveApiServerAccess } from '../../src/kube/kubeconfig.js';
import type { Cluster } from '../cluster/cluster.js';

export async function apiClientFor(cluster: Cluster): Promise<ApiClient> {
  return new ApiClient(await resolveApiServerAccess({ kubeconfig: cluster.kubeconfigPath }, {}));
}

/** The command lines of the processes on this machine, arguments joined by spaces. */
export async function commandLines(): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return lines.map((line) => line.replace(/\0$/, '').replaceAll('\0', ' '));
}

/** Polls until `condition` holds; throws after `limitMs` (a safety net, not a timing assertion). */
export async function eventually(condition: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${limitMs} ms`);
    await sleep(50);
  }
}

/** Why the stand-in cluster cannot run here, or undefined. */
export function clusterUnavailable(): string | undefined {
  return process.getuid?.() !== 0 ? 'the test cluster needs root (chroot and bind mounts)' : undefined;
}
