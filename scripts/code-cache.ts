/**
 * `node --import tsx scripts/code-cache.ts BUNDLE OUT [COMMAND]`: compiles the CLI bundle as the launcher does, runs
 * typical commands (those of COMMAND only, when given) in this one process (their output goes wherever stdout points:
 * the build throws it away) so that V8 compiles what they use, and writes the code cache holding it all to OUT. Run
 * it with the Node that will use the cache: V8 takes a cache only from its own build and flags. One process per
 * cache: a second compile of the same source in one process would start from the first one's compiled functions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCli } from '../src/cli/cli-bundle.js';
import { ExitCode } from '../src/cli/exit-codes.js';
import { trainingKubeconfig } from './training-kubeconfig.js';

const [bundle, out, command] = process.argv.slice(2);
if (bundle === undefined || out === undefined) throw new Error('usage: code-cache.ts BUNDLE OUT [COMMAND]');

const scratch = mkdtempSync(join(tmpdir(), 'kubectl-etcd-code-cache-'));
// A cluster that is not there: the way to the first API request (kubeconfig, client, TLS set-up), then the failure.
const kubeconfig = join(scratch, 'kubeconfig');
writeFileSync(kubeconfig, trainingKubeconfig('https://127.0.0.1:1', { insecureSkipTlsVerify: true }));

// The demo holds values encrypted at rest: with its encryption config, every one decodes.
const demo = ['--snapshot', 'examples/demo.db'];
const decrypt = ['--encryption-config', 'examples/demo-encryption-config.yaml'];
const runs: ReadonlyArray<readonly [command: string, args: readonly string[], status: number]> = [
  ['decode', ['decode', 'examples/deployment.pb'], ExitCode.ok],
  ['decode', ['decode', '-o', 'json', 'examples/deployment.pb'], ExitCode.ok],
  ['get', [...demo, 'get', 'deployments', '-A'], ExitCode.ok],
  ['get', [...demo, 'get', '/registry', '--prefix', '-o', 'yaml', ...decrypt], ExitCode.ok],
  ['get', [...demo, 'get', '/registry', '--prefix', '-o', 'json', ...decrypt], ExitCode.ok],
  ['ls', [...demo, 'ls'], ExitCode.ok],
  ['get', ['get', '/registry/deployments', '--prefix', '--kubeconfig', kubeconfig], ExitCode.unreachable],
];

try {
  const cli = compileCli(readFileSync(bundle, 'latin1'), bundle);
  for (const [, args, expected] of runs.filter(([name]) => command === undefined || name === command)) {
    process.exitCode = undefined;
    const status = await cli.main(args, 100);
    if (status !== expected) throw new Error(`kubectl-etcd ${args.join(' ')} exited ${status}, not ${expected}: the code cache would not hold what it should`);
  }
  writeFileSync(out, cli.createCodeCache());
  process.exitCode = 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
