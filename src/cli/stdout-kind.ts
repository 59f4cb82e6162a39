/**
 * What standard output is, read from its file descriptor: a file or /dev/null is written to directly, sparing the
 * stream process.stdout builds on first use (a few milliseconds, a good share of a short run).
 */
import { fstatSync, statSync } from 'node:fs';

export type StdoutKind = 'file' | 'null' | 'pipe' | 'other';

let known: StdoutKind | undefined;

export function stdoutKind(): StdoutKind {
  known ??= detect();
  return known;
}

function detect(): StdoutKind {
  try {
    const stat = fstatSync(1);
    if (stat.isFile()) return 'file';
    if (stat.isFIFO() || stat.isSocket()) return 'pipe';
    if (stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev) return 'null';
  } catch {
    // No such descriptor, or no /dev/null (Windows): leave it to process.stdout.
  }
  return 'other';
}
