/**
 * `npm run bench [-- ISSUE...]`: every issue's budgets, each measured against its baseline in the same run
 * (`npm run bench -- 2 4` runs only issues 2 and 4). Exits 1 when a budget is exceeded or a suite fails.
 */
import { coldStart, corpusThroughput } from './codec.js';
import { startToFirstRequest } from './first-request.js';
import { getOverLargeSeed } from './get-large.js';
import { helpThroughSingleExecutable } from './help-sea.js';
import { verdict, type BudgetLine } from './measure.js';
import { snapshotReaderOnOneGigabyte } from './snapshot-reader.js';
import { snapshotSaveAndOfflineRead } from './snapshot.js';
import { statsOverLargeSeed, watchLatency } from './watch-stats.js';

type Suite = readonly [issue: string, name: string, run: () => BudgetLine[] | Promise<BudgetLine[]>];

const suites: readonly Suite[] = [
  ['2', 'decode cold start', coldStart],
  ['2', 'decode throughput', corpusThroughput],
  ['4', 'start to first request', () => startToFirstRequest()],
  ['4', 'get over large:100000', () => getOverLargeSeed()],
  ['5', 'stats over large:100000', () => statsOverLargeSeed()],
  ['5', 'watch latency', () => watchLatency()],
  ['6', 'offline reader on a 1 GB snapshot', snapshotReaderOnOneGigabyte],
  ['6', 'snapshot save and offline get over large:100000', snapshotSaveAndOfflineRead],
  ['7', '--help through the single executable', helpThroughSingleExecutable],
];

const only = new Set(process.argv.slice(2).map((arg) => arg.replace(/^#/, '')));
let failed = false;
for (const [issue, name, run] of suites) {
  if (only.size > 0 && !only.has(issue)) continue;
  try {
    for (const line of await run()) {
      const result = verdict(line);
      if (result !== 'within budget') failed = true;
      console.log(`${line.issue} ${line.what}\n    ${line.measured} vs ${line.baseline}: ratio ${line.ratio.toFixed(2)} ` +
        `(budget ${line.better === 'lower' ? '<=' : '>='} ${line.budget}) ${result}`);
    }
  } catch (error) {
    failed = true;
    console.log(`#${issue} ${name}: FAILED to measure: ${(error as Error).message}`);
  }
}
process.exitCode = failed ? 1 : 0;
