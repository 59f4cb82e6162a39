/**
 * Tables: laid out exactly as the real kubectl lays out the same cells (when kubectl is here), aligned on display
 * width for wide characters, with widths kept from one chunk of rows to the next and control characters escaped.
 */
import { describe, expect, it } from 'vitest';
import { AlignedTable, printableCell } from '../../src/render/table.js';
import { textWidth } from '../../src/render/text-width.js';
import { useFixtureKubectl } from '../cluster/apiserver-fixture.js';
import { kubectlUnavailable } from '../cluster/kubectl-runner.js';

function table(rows: string[][]): string {
  const [header, ...body] = rows;
  const aligned = new AlignedTable(header ?? []);
  for (const row of body) aligned.add(row);
  return aligned.take();
}

/** Where each cell of a line starts, in display columns. */
function cellStarts(line: string, cells: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const cell of cells) {
    const index = line.indexOf(cell, at);
    starts.push(textWidth(line.slice(0, index)));
    at = index + cell.length;
  }
  return starts;
}

describe('aligned tables', () => {
  it('pads every column but the last to its widest cell plus three spaces, at least six', () => {
    expect(table([['A', 'B', 'C'], ['x', 'yy', 'zzz']])).toBe('A     B     C\nx     yy    zzz\n');
    expect(table([['NAME', 'KIND'], ['a-much-longer-name', 'Pod']])).toBe('NAME                 KIND\na-much-longer-name   Pod\n');
  });

  it('aligns on display width: CJK and emoji take two columns, combining marks none', () => {
    const rows = [['NAME', 'KIND', 'SIZE'], ['設定', 'ConfigMap', '1'], ['e\u0301te\u0301', 'Secret', '22'], ['🚀-launch', 'Pod', '333'], ['plain', 'Node', '4']];
    const lines = table(rows).trimEnd().split('\n');
    const expected = cellStarts(lines[0] as string, rows[0] as string[]);
    rows.slice(1).forEach((row, i) => expect(cellStarts(lines[i + 1] as string, row), lines[i + 1]).toEqual(expected));
    expect(expected).toEqual([0, 12, 24]);
  });

  it('keeps the widths of rows already printed when later chunks are narrower, and widens for wider ones', () => {
    const aligned = new AlignedTable(['KEY', 'REVISION']);
    aligned.add(['/registry/pods/default/a-long-pod-name', '7']);
    const first = aligned.take();
    aligned.add(['/short', '8']);
    const second = aligned.take();
    expect(first).toBe('KEY                                      REVISION\n/registry/pods/default/a-long-pod-name   7\n');
    expect(second).toBe('/short                                   8\n');
    aligned.add(['/registry/pods/default/an-even-longer-pod-name', '9']);
    expect(aligned.take()).toBe('/registry/pods/default/an-even-longer-pod-name   9\n');
  });

  it('spells control characters as escapes so a cell stays on its line', () => {
    expect(printableCell('a\tb\nc\rd\x00e\x7f\u2028')).toBe('a\\tb\\nc\\rd\\x00e\\x7f\\u2028');
    expect(table([['KEY', 'X'], ['/a\nb', '1']])).toBe('KEY     X\n/a\\nb   1\n');
  });
});

const unavailable = await kubectlUnavailable();

describe.skipIf(unavailable !== undefined)(`the same cells as the real kubectl prints them${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const { kubectl } = useFixtureKubectl();

  it.each([[['get', 'pods', '-A', '-o', 'wide']], [['get', 'nodes', '-o', 'wide']], [['get', 'namespaces']]])('kubectl %j', async (args) => {
    const printed = await kubectl(args);
    expect(printed.code).toBe(0);
    // kubectl separates cells by three spaces or more; cells hold at most single spaces (NOMINATED NODE).
    const rows = printed.stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    expect(rows.length).toBeGreaterThan(1);
    expect(table(rows)).toBe(printed.stdout);
  });
});
