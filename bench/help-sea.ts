/**
 * Issue 7 budget: `kubectl etcd --help` through the single executable of this machine's platform (built here as
 * `npm run release` builds it), against `node -e 0` of the same pinned Node.
 * Run alone with `tsx bench/help-sea.ts`; `helpThroughSingleExecutable` is the suite for bench/run.ts.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostExecutable } from './host-executable.js';
import { compareProcesses, timeProcess, verdict, type BudgetLine } from './measure.js';

export async function helpThroughSingleExecutable(): Promise<BudgetLine[]> {
  const executable = await hostExecutable();
  if (!executable) return [];
  const { target, workDir } = executable;
  // No Node on the executable's PATH: it must start on its own.
  const noNode = join(workDir, 'empty');
  await mkdir(noNode, { recursive: true });
  const result = compareProcesses({
    'node -e 0': () => timeProcess(process.execPath, ['-e', '0']),
    'kubectl etcd --help': () => timeProcess(executable.path, ['--help'], { PATH: noNode }),
  }, 25);
  const help = result['kubectl etcd --help'] as number;
  const baseline = result['node -e 0'] as number;
  return [{
    issue: '#7', what: `kubectl etcd --help through the single executable (${target.id}, ${executable.withCodeCache ? 'with code cache' : 'no code cache'})`,
    measured: `${help.toFixed(1)} ms`, baseline: `node -e 0 ${baseline.toFixed(1)} ms`,
    ratio: help / baseline, budget: 1.5, better: 'lower',
  }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await helpThroughSingleExecutable()) {
    console.log(`${line.issue} ${line.what}\n    ${line.measured} vs ${line.baseline}: ratio ${line.ratio.toFixed(2)} (budget <= ${line.budget}) ${verdict(line)}`);
  }
}
