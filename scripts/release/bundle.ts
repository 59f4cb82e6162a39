/**
 * The CLI bundled into one file for a single executable (which can load no other file: no code splitting).
 * Two forms: a CommonJS start-up snapshot entry, for executables this machine's Node can snapshot (its own
 * platform), and an ES module entry for the others.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';

export type BundleForm = 'snapshot' | 'module';

/** Same resolution as the npm build (scripts/build.ts), so the executable behaves as `npx kubectl-etcd` does. */
export function commonOptions(root: string, nodeVersion: string): BuildOptions {
  return {
    absWorkingDir: root,
    bundle: true,
    splitting: false,
    platform: 'node',
    target: `node${nodeVersion}`,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // yargs lays out its help on every run (it caches it) with string-width and wrap-ansi; their grapheme
    // segmenter cannot go into a V8 snapshot and their escape scanning cost more than the rest of a run. Help text
    // is plain: our own width and wrap serve.
    alias: { 'string-width': './src/render/text-width.ts', 'wrap-ansi': './src/render/wrap-text.ts' },
  };
}

const builtinName = new RegExp(`^(node:)?(${builtinModules.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);

/**
 * A script started from a snapshot has no dynamic import(): `await import('node:readline/promises')` fails with
 * "A dynamic import callback was not specified". In the snapshot bundle, such imports of Node's own modules become
 * require() calls, still made only when the code runs.
 */
export const builtinDynamicImports: Plugin = {
  name: 'builtin-dynamic-imports',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: builtinName }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin-require' } : undefined));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** One CommonJS file to build a V8 start-up snapshot from (`node --build-snapshot`). */
export async function bundleSnapshotEntry(root: string, entry: string, outfile: string, nodeVersion: string): Promise<void> {
  await build({
    ...commonOptions(root, nodeVersion),
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    // ESM dependencies (yargs) read import.meta.url; in one CommonJS file that is the file's own URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [builtinDynamicImports],
  });
}

export async function bundleCli(root: string, form: BundleForm, outfile: string, nodeVersion: string): Promise<void> {
  if (form === 'snapshot') {
    await bundleSnapshotEntry(root, 'scripts/release/sea-entry.ts', outfile, nodeVersion);
    return;
  }
  await build({
    ...commonOptions(root, nodeVersion),
    entryPoints: ['src/cli/run.ts'],
    outfile,
    format: 'esm',
    // CommonJS dependencies call require() on Node built-ins; an ESM single executable's import.meta.url is the
    // executable's own file URL, which createRequire accepts.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}
