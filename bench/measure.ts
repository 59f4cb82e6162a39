/** Small measuring tools for the benchmarks: wall time of processes and of in-process work, as medians. */
import { spawnSync } from 'node:child_process';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Milliseconds for one run of a command to exit; throws when it fails, so a broken command never looks fast. */
export function timeProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return elapsed;
}

/** Runs the variants interleaved (so machine noise hits all alike) and returns each one's median in ms. */
export function compareProcesses(variants: Record<string, () => number>, rounds: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const run of Object.values(variants)) run(); // warm the file cache and the compile cache
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) samples[name]?.push(run());
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** Best-of-N wall time of an in-process function, in ms. */
export function timeWork(work: () => void, passes: number): number {
  let best = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const start = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export interface BudgetLine {
  readonly issue: string;
  readonly what: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: number;
  /** Budget as a ratio; `higher` when the measured figure must be at least the budget (throughput). */
  readonly budget: number;
  readonly better: 'lower' | 'higher';
}

export function verdict(line: BudgetLine): string {
  const ok = line.better === 'lower' ? line.ratio <= line.budget : line.ratio >= line.budget;
  return ok ? 'within budget' : 'OVER BUDGET';
}
