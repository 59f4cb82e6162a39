/** `npm run bench`: every issue's budgets, measured against their baselines in the same run. */
import { coldStart, corpusThroughput } from './codec.js';
import { verdict, type BudgetLine } from './measure.js';

const suites: Array<() => BudgetLine[] | Promise<BudgetLine[]>> = [coldStart, corpusThroughput];

const lines: BudgetLine[] = [];
for (const suite of suites) {
  const measured = await suite();
  for (const line of measured) {
    lines.push(line);
    console.log(`${line.issue} ${line.what}\n    ${line.measured} vs ${line.baseline}: ratio ${line.ratio.toFixed(2)} ` +
      `(budget ${line.better === 'lower' ? '<=' : '>='} ${line.budget}) ${verdict(line)}`);
  }
}
process.exitCode = lines.some((line) => verdict(line) !== 'within budget') ? 1 : 0;
