/**
 * Builds the CLI with esbuild, two ways:
 * - dist/kubectl-etcd.mjs: an ESM bundle for any Node >= 22.19 (npm installs), split so that what only some
 *   commands need loads on demand;
 * - dist/kubectl-etcd.cjs and, with the project's pinned Node, dist/kubectl-etcd.blob: one CommonJS file and the
 *   V8 start-up snapshot built from it, which bin/kubectl-etcd starts from (see src/cli/snapshot-entry.ts).
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleSnapshotEntry, commonOptions } from './release/bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const nodeTarget = '22';
rmSync(dist, { recursive: true, force: true });

await build({
  ...commonOptions(root, nodeTarget),
  entryPoints: { 'kubectl-etcd': 'src/cli/run.ts' },
  outdir: dist,
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies call require() on Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await bundleSnapshotEntry(root, 'src/cli/snapshot-entry.ts', `${dist}/kubectl-etcd.cjs`, nodeTarget);

const pinnedNode = `${root}node_modules/node/bin/node`;
if (existsSync(pinnedNode)) {
  execFileSync(pinnedNode, ['--snapshot-blob', `${dist}/kubectl-etcd.blob`, '--build-snapshot', `${dist}/kubectl-etcd.cjs`], { stdio: ['ignore', 'inherit', 'pipe'] });
}
