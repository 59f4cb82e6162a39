import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { runProgram } from './run.js';

// Every bind mount made by this process, so that an abrupt exit of the test runner still undoes them.
const activeMounts = new Set<string>();
process.once('exit', () => {
  for (const target of [...activeMounts].reverse()) spawnSync('umount', ['--lazy', target]);
});

/** Mount points listed in a /proc/self/mountinfo table (octal escapes decoded). */
function parseMountPoints(table: string): string[] {
  return table
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map((field) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
}

function isAtOrBelow(dir: string, point: string): boolean {
  return point === dir || point.startsWith(`${dir}/`);
}

/** Mount points at or below `dir`. */
export async function mountsUnder(dir: string): Promise<string[]> {
  return parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8')).filter((point) => isAtOrBelow(dir, point));
}

/** The same, synchronously: for process exit handlers. */
export function mountsUnderSync(dir: string): string[] {
  return parseMountPoints(readFileSync('/proc/self/mountinfo', 'utf8')).filter((point) => isAtOrBelow(dir, point));
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
