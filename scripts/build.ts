/**
 * Builds the CLI into dist/ with esbuild, two ways:
 * - kubectl-etcd.mjs: an ESM bundle for any Node >= 22.19 (npm installs), split so that what only some commands
 *   need loads on demand;
 * - kubectl-etcd-launch.cjs, kubectl-etcd.cjs and its V8 code cache: the one-file CLI started with compiled code,
 *   which bin/kubectl-etcd runs on the project's pinned Node (see scripts/release/bundle.ts); client-node stays in
 *   node_modules, loaded from there by the few runs that need it.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildLaunchableCli, CHECKOUT_EXTERNALS, commonOptions, lazyTerminalWidth } from './release/bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const nodeTarget = '22';
rmSync(dist, { recursive: true, force: true });

await build({
  ...commonOptions(root, nodeTarget),
  entryPoints: { 'kubectl-etcd': 'src/cli/run.ts', 'kubectl-etcd-item-worker': 'src/cli/item-worker.ts' },
  outdir: dist,
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  plugins: [lazyTerminalWidth()],
  // CommonJS dependencies call require() on Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await buildLaunchableCli(root, dist, nodeTarget, `${root}node_modules/node/bin/node`, CHECKOUT_EXTERNALS);
