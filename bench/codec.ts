/** Issue 2 budgets: cold start of `decode` vs `node -e 0`, and corpus decode throughput vs JSON.parse+stringify. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStoredValue } from '../src/codec/stored-value.js';
import { toKubectlJson } from '../src/render/json.js';
import { hasFixtures, listFixtures, readFixture } from '../test/fixtures.js';
import { compareProcesses, timeProcess, timeWork, type BudgetLine } from './measure.js';

const node = process.execPath;
const repo = join(import.meta.dirname, '..');

export function coldStart(): BudgetLine[] {
  const small = join(repo, 'bench', 'data', 'configmap.pb');
  const result = compareProcesses({
    'node -e 0': () => timeProcess(node, ['-e', '0']),
    'kubectl-etcd decode': () => timeProcess(join(repo, 'bin', 'kubectl-etcd'), ['decode', small]),
  }, 25);
  const plugin = result['kubectl-etcd decode'] as number;
  const baseline = result['node -e 0'] as number;
  return [{
    issue: '#2', what: 'cold start: kubectl-etcd decode <one small object>',
    measured: `${plugin.toFixed(1)} ms`, baseline: `node -e 0 ${baseline.toFixed(1)} ms`,
    ratio: plugin / baseline, budget: 2, better: 'lower',
  }];
}

export function corpusThroughput(): BudgetLine[] {
  if (!hasFixtures) return [];
  const fixtures = listFixtures();
  const stored = fixtures.map((fixture) => new Uint8Array(readFixture(fixture, 'pb')));
  const texts = fixtures.map((fixture) => readFileSync(fixture.path('json'), 'utf8'));
  const typeHint = { apiVersion: 'v1', kind: 'WatchEvent' };
  let sink = 0;
  const passes = 30;
  const decodeMs = timeWork(() => {
    for (const bytes of stored) {
      const decoded = decodeStoredValue(bytes, { typeHint });
      if (decoded.status === 'decoded') sink += toKubectlJson(decoded.object).length;
    }
  }, passes);
  const jsonMs = timeWork(() => {
    for (const text of texts) sink += JSON.stringify(JSON.parse(text), null, 4).length;
  }, passes);
  if (sink === 0) throw new Error('nothing decoded');
  const ours = stored.length / (decodeMs / 1000);
  const baseline = texts.length / (jsonMs / 1000);
  return [{
    issue: '#2', what: `decode fixture corpus (${stored.length} objects) to kubectl JSON`,
    measured: `${Math.round(ours)} objects/s`, baseline: `JSON.parse+JSON.stringify ${Math.round(baseline)} objects/s`,
    ratio: ours / baseline, budget: 0.5, better: 'higher',
  }];
}
