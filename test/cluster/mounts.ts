import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { runProgram } from './run.js';

// Every bind mount made by this process, so that an abrupt exit of the test runner still undoes them.
const activeMounts = new Set<string>();
process.once('exit', () => {
  for (const target of [...activeMounts].reverse()) spawnSync('umount', ['--lazy', target]);
});

/** Mount points currently listed in /proc/self/mountinfo (octal escapes decoded). */
export async function mountPoints(): Promise<string[]> {
  const table = await readFile('/proc/self/mountinfo', 'utf8');
  return table
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map((field) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
}

/** Mount points at or below `dir`. */
export async function mountsUnder(dir: string): Promise<string[]> {
  return (await mountPoints()).filter((point) => point === dir || point.startsWith(`${dir}/`));
}

/** A hostPath volume as a container runtime makes it: the node's file or directory bind-mounted into the rootfs. */
export async function bindMount(source: string, target: string, readOnly: boolean): Promise<void> {
  await runProgram('mount', ['--bind', ...(readOnly ? ['-o', 'ro'] : []), source, target]);
  activeMounts.add(target);
}

/** Undoes the mounts at or below `dir`, deepest first. */
export async function unmountUnder(dir: string): Promise<void> {
  const points = (await mountsUnder(dir)).sort((a, b) => b.length - a.length);
  for (const point of points) {
    await runProgram('umount', ['--lazy', point]);
    activeMounts.delete(point);
  }
}
