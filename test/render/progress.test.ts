/** The progress line: bar, amounts, rate and time left, within the terminal's width. */
import { describe, expect, it } from 'vitest';
import { humanDuration, ProgressBar, progressLine } from '../../src/render/progress.js';

const MiB = 1024 * 1024;

describe('progressLine', () => {
  it('shows the bar, the bytes, the rate and the time left', () => {
    expect(progressLine('snapshot', { done: 50 * MiB, total: 100 * MiB, elapsedMs: 5000 }, 100)).toBe(
      'snapshot [###############---------------]  50.0 MiB / 100.0 MiB  10.0 MiB/s  ETA 5s',
    );
  });

  it('without a known total: bytes and rate only', () => {
    expect(progressLine('snapshot', { done: 3 * MiB, total: undefined, elapsedMs: 2000 }, 100)).toBe('snapshot  3.0 MiB  1.5 MiB/s');
  });

  it('more than expected: the total is dropped rather than shown below what came', () => {
    expect(progressLine('snapshot', { done: 2 * MiB, total: MiB, elapsedMs: 1000 }, 100)).toBe('snapshot  2.0 MiB  2.0 MiB/s');
  });

  it('before any time has passed the time left is unknown', () => {
    expect(progressLine('s', { done: 0, total: MiB, elapsedMs: 0 }, 100)).toBe('s [------------------------------]  0 B / 1.0 MiB  0 B/s  ETA --');
  });

  it('a narrow terminal gets no bar, then no time left, no rate, no total: never a line wider than it', () => {
    const at = (width: number) => progressLine('snapshot', { done: 50 * MiB, total: 100 * MiB, elapsedMs: 5000 }, width);
    expect(at(58)).toBe('snapshot [##---]  50.0 MiB / 100.0 MiB  10.0 MiB/s  ETA 5s');
    expect(at(55)).toBe('snapshot  50.0 MiB / 100.0 MiB  10.0 MiB/s  ETA 5s');
    expect(at(45)).toBe('snapshot  50.0 MiB / 100.0 MiB  10.0 MiB/s');
    expect(at(40)).toBe('snapshot  50.0 MiB / 100.0 MiB');
    expect(at(20)).toBe('snapshot  50.0 MiB');
  });
});

describe('humanDuration', () => {
  it('seconds, minutes, hours', () => {
    expect([0.4, 42, 65, 3599, 3600, 7384].map(humanDuration)).toEqual(['0s', '42s', '1m05s', '59m59s', '1h00m', '2h03m']);
  });
});

describe('ProgressBar', () => {
  it('draws nothing off a terminal', () => {
    const written: string[] = [];
    const bar = new ProgressBar({ isTTY: false, write: (text) => written.push(text) }, 'snapshot', 10);
    bar.add(5);
    bar.finish();
    expect(written).toEqual([]);
  });

  it('on a terminal redraws one line in place and ends it with the final amount', () => {
    const written: string[] = [];
    const bar = new ProgressBar({ isTTY: true, columns: 100, write: (text) => written.push(text) }, 'snapshot', 2048);
    bar.add(1024);
    bar.finish();
    const redraw = '\r\u001b[K';
    expect(written[0]?.startsWith(`${redraw}snapshot [${'#'.repeat(15)}${'-'.repeat(15)}]  1.0 KiB / 2.0 KiB  `)).toBe(true);
    expect(written.at(-2)?.startsWith(`${redraw}snapshot [${'#'.repeat(30)}]  1.0 KiB / 1.0 KiB  `)).toBe(true);
    expect(written.at(-1)).toBe('\n');
  });
});
