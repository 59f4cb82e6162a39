/**
 * The unified diff against GNU diff and patch: every diff applies with `patch` and gives the new text back, changes
 * exactly as many lines as `diff --minimal` (both are shortest edit scripts), and where the shortest script is
 * unique the whole output is GNU's, hunk for hunk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { colourDiff, useColour } from '../../src/render/colour.js';
import { diffLines, unifiedDiff } from '../../src/render/unified-diff.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubectl-etcd-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const labels = { before: 'a', after: 'b' };

function gnuDiff(before: string, after: string, ...flags: string[]): string {
  writeFileSync(join(scratch, 'a'), before);
  writeFileSync(join(scratch, 'b'), after);
  const result = spawnSync('diff', [...flags, '-u', '--label', 'a', '--label', 'b', 'a', 'b'], { cwd: scratch, encoding: 'utf8' });
  if (result.status === 2) throw new Error(result.stderr);
  return result.stdout;
}

function patched(before: string, diff: string): string {
  writeFileSync(join(scratch, 'target'), before);
  const result = spawnSync('patch', ['--quiet', '--force', 'target'], { cwd: scratch, input: diff, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`patch refused the diff: ${result.stdout}${result.stderr}\n${diff}`);
  return readFileSync(join(scratch, 'target'), 'utf8');
}

const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;

/** Texts of lines from a small alphabet, so that random texts share many lines (the interesting case). */
const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'metadata:', '  name: web', '  replicas: 3', ''), { maxLength: 40 })
  .map((lines) => lines.map((l) => `${l}\n`).join(''));

describe.skipIf(spawnSync('patch', ['--version']).status !== 0)('unifiedDiff', () => {
  it('gives nothing for equal texts', () => {
    expect(unifiedDiff('x\ny\n', 'x\ny\n', labels)).toBe('');
    expect(unifiedDiff('', '', labels)).toBe('');
  });

  it('prints what GNU diff prints when the shortest edit is unique', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
    const after = before.replace('line 3\n', 'line three\n').replace('line 20\n', '').replace('line 27\n', 'line 27\nline 27.5\n');
    expect(unifiedDiff(before, after, labels)).toBe(gnuDiff(before, after));
    expect(unifiedDiff('', 'new\n', labels)).toBe(gnuDiff('', 'new\n'));
    expect(unifiedDiff('old\n', '', labels)).toBe(gnuDiff('old\n', ''));
  });

  it('applies with patch and is as short as diff --minimal, on random texts', () => {
    fc.assert(fc.property(text, text, (before, after) => {
      const diff = unifiedDiff(before, after, labels);
      if (before === after) return diff === '';
      expect(patched(before, diff)).toBe(after);
      expect(changedLines(diff)).toBe(changedLines(gnuDiff(before, after, '--minimal')));
      return true;
    }), { numRuns: 150 });
  });

  it('shows a wholly different middle as replaced when the texts differ too much to search', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`);
    const changes = diffLines(['head', ...before, 'tail'], ['head', ...after, 'tail']);
    expect(changes.filter((c) => c.kind === 'removed').map((c) => c.line)).toEqual(before);
    expect(changes.filter((c) => c.kind === 'added').map((c) => c.line)).toEqual(after);
    expect([changes[0], changes[changes.length - 1]]).toEqual([{ kind: 'same', line: 'head' }, { kind: 'same', line: 'tail' }]);
  });
});

describe('colour', () => {
  it('is on only on a terminal without NO_COLOR, or when asked for', () => {
    expect(useColour('auto', { isTTY: true }, {})).toBe(true);
    expect(useColour('auto', { isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour('auto', { isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColour('auto', { isTTY: false }, {})).toBe(false);
    expect(useColour('always', { isTTY: false }, { NO_COLOR: '1' })).toBe(true);
    expect(useColour('never', { isTTY: true }, {})).toBe(false);
  });

  it('paints labels, hunks, removals and additions, and nothing else', () => {
    const diff = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', labels);
    expect(colourDiff(diff)).toBe('\x1b[1m--- a\x1b[0m\n\x1b[1m+++ b\x1b[0m\n\x1b[36m@@ -1,3 +1,3 @@\x1b[0m\n a\n\x1b[31m-b\x1b[0m\n\x1b[32m+B\x1b[0m\n c\n');
  });
});
