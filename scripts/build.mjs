// Builds the CLI with esbuild, two ways:
// - dist/kubectl-etcd.mjs: an ESM bundle for any Node >= 22.19 (npm installs), split so that what only some
//   commands need (the Kubernetes client) loads on demand;
// - dist/kubectl-etcd.cjs and, with the project's pinned Node, dist/kubectl-etcd.blob: one CommonJS file and the
//   V8 start-up snapshot built from it, which bin/kubectl-etcd starts from (see src/cli/snapshot-entry.ts).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  logLevel: 'warning',
  // yargs lays out its help (on every run: it caches it) with string-width, whose grapheme segmenter costs more
  // than the rest of a run and cannot go into a V8 snapshot. Our own text width serves the same purpose.
  alias: { 'string-width': './src/render/text-width.ts' },
};

await build({
  ...common,
  entryPoints: { 'kubectl-etcd': 'src/cli/run.ts' },
  outdir: dist,
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies call require() on Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: ['src/cli/snapshot-entry.ts'],
  outfile: `${dist}/kubectl-etcd.cjs`,
  format: 'cjs',
  // ESM dependencies (yargs) read import.meta.url; in one CommonJS file that is this file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const pinnedNode = `${root}node_modules/node/bin/node`;
if (existsSync(pinnedNode)) {
  execFileSync(pinnedNode, ['--snapshot-blob', `${dist}/kubectl-etcd.blob`, '--build-snapshot', `${dist}/kubectl-etcd.cjs`], { stdio: 'inherit' });
}
