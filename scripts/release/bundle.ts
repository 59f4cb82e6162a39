/**
 * The CLI built to start fast, for bin/kubectl-etcd in a checkout and for the single executables:
 * - kubectl-etcd.cjs: the whole CLI in one CommonJS file (a single executable carries it as an asset);
 * - kubectl-etcd.<digest>.v8cache: the V8 code cache of that file, made by running typical commands on the pinned
 *   Node (scripts/code-cache.ts), so that what they use comes compiled;
 * - kubectl-etcd-early.cjs and its code cache (scripts/early-requests-code-cache.ts): the kubeconfig and socket
 *   code that sends a command's first request before the CLI loads (src/kube/early-requests.ts);
 * - kubectl-etcd-launch.cjs: the small entry that compiles those with their caches (src/cli/launch.ts), with
 *   `kubectl etcd --help` laid out by yargs at build time.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackageSchema } from '../../src/codec/schema/types.js';

/** Same resolution for every build (scripts/build.ts, the release), so the executables behave as `npx kubectl-etcd` does. */
export function commonOptions(root: string, nodeVersion: string): BuildOptions {
  return {
    absWorkingDir: root,
    bundle: true,
    splitting: false,
    platform: 'node',
    target: `node${nodeVersion}`,
    minify: true,
    legalComments: 'none',
    // One non-ASCII character would make V8 hold the whole bundle as two-byte text: twice the memory to read it into.
    charset: 'ascii',
    logLevel: 'warning',
    // yargs lays out help with string-width and wrap-ansi, whose grapheme segmenting and escape scanning cost more
    // than the rest of a run (help text is plain: our own width and wrap serve), and loads node:assert for two checks.
    alias: { 'string-width': './src/render/text-width.ts', 'wrap-ansi': './src/render/wrap-text.ts', assert: './src/cli/yargs-assert.ts' },
  };
}

const builtinName = new RegExp(`^(node:)?(${builtinModules.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);

/** The specifiers an `external` list (package names, or `name/*`) covers. */
function externalName(external: readonly string[]): RegExp | undefined {
  const packages = [...new Set(external.map((pattern) => pattern.replace(/\/\*$/, '')))];
  return packages.length === 0 ? undefined : new RegExp(`^(${packages.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`);
}

/**
 * A script compiled by vm.Script (as the launcher compiles the bundle) has no dynamic import(). In the CommonJS
 * bundle, `await import('node:readline/promises')` and imports of external packages become require() calls, still
 * made only when the code runs (Node requires ES modules too).
 */
function dynamicImportsAsRequire(external: readonly string[]): Plugin {
  const externals = externalName(external);
  return {
    name: 'dynamic-imports-as-require',
    setup(pluginBuild) {
      const toRequire = (args: { kind: string; path: string }) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'as-require' } : undefined);
      pluginBuild.onResolve({ filter: builtinName }, toRequire);
      if (externals) pluginBuild.onResolve({ filter: externals }, toRequire);
      pluginBuild.onLoad({ filter: /.*/, namespace: 'as-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

const yargsPlatformShim = /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;
const eagerColumns = "stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null";

/**
 * yargs reads the terminal's width when its module loads, which makes Node build process.stdout (a few ms, more
 * for a file or /dev/null) on every run, though only help output ever uses it: it is read when asked for instead.
 */
export function lazyTerminalWidth(): Plugin {
  return {
    name: 'lazy-terminal-width',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: yargsPlatformShim }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes(eagerColumns)) throw new Error(`${args.path} no longer reads the terminal width as lazy-terminal-width expects`);
        return { contents: source.replace(eagerColumns, `get stdColumns() { return ${eagerColumns.slice('stdColumns: '.length)}; }`), loader: 'js' };
      });
    },
  };
}

const schemaIndex = /[\\/]src[\\/]codec[\\/]schema[\\/]index\.ts$/;

/**
 * The schema as the bundles hold it: each package's messages as JSON text, parsed on first use, instead of the
 * notation modules, whose object literals (every package's) would all be built at start-up. The notation stays the
 * source: it is evaluated here, at build time.
 */
export function lazySchemaPackages(root: string): Plugin {
  return {
    name: 'lazy-schema-packages',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: schemaIndex }, async () => {
        const { allPackages } = (await import(pathToFileURL(join(root, 'src', 'codec', 'schema', 'index.ts')).href)) as { allPackages: readonly PackageSchema[] };
        const packages = allPackages.map((pkg) => `lazyPackage(${[pkg.proto, pkg.groupVersion, pkg.imports, JSON.stringify(pkg.messages)].map((value) => JSON.stringify(value)).join(', ')})`);
        const contents = [
          'function lazyPackage(proto, groupVersion, imports, messagesJson) {',
          '  let messages;',
          '  return { proto, groupVersion, imports, get messages() { return (messages ??= JSON.parse(messagesJson)); } };',
          '}',
          `export const allPackages = [\n  ${packages.join(',\n  ')},\n];`,
        ].join('\n');
        return { contents, loader: 'js' };
      });
    },
  };
}

const heavyForLauncher = /^(@kubernetes\/client-node(\/.*)?|\.\/yaml-document\.js|\.\/proxy-tunnel\.js)$/;

/**
 * The early-requests file (src/kube/early-requests.ts, which the launcher runs before the CLI loads) holds the
 * kubeconfig code but not what that code loads only for rare setups: the full YAML parser, the credential plugins'
 * client-node, the proxy tunnels. Those imports fail there; the early requests then give up (they never use a
 * proxy) and leave it all to the CLI.
 */
function withoutRareKubeconfigParts(): Plugin {
  return {
    name: 'without-rare-kubeconfig-parts',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: heavyForLauncher }, (args) => ({ path: args.path, namespace: 'left-to-the-cli' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'left-to-the-cli' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is left to the CLI`)});`,
        loader: 'js',
      }));
    },
  };
}

export interface LaunchableCli {
  /** The entry to run (`node kubectl-etcd-launch.cjs ARGS`, or a single executable's main script). */
  readonly launcher: string;
  readonly bundle: string;
  /** Absent when the pinned Node, which alone can make it, is not installed. */
  readonly codeCache?: string;
  /** The early-requests file, and its code cache (absent without the pinned Node). */
  readonly earlyRequests: string;
  readonly earlyRequestsCodeCache?: string;
  /** The asset names the launcher looks for in a single executable. */
  readonly assetNames: { readonly bundle: string; readonly codeCache: string; readonly earlyRequests: string; readonly earlyRequestsCodeCache: string };
}

const digestOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/**
 * Commands with a code cache of their own, made from their runs alone: smaller than the cache of every command,
 * which other commands use (and single executables, which hold that one only).
 */
const COMMAND_CODE_CACHES = ['decode', 'get'] as const;

const BUNDLE_NAME = 'kubectl-etcd.cjs';
const EARLY_REQUESTS_NAME = 'kubectl-etcd-early.cjs';

/**
 * Node options the launcher runs with (bin/kubectl-etcd passes the same; a single executable has them built in): a
 * young generation of at most 8 MB semi-spaces. Left to grow, it took a large listing's resident memory past 250 MB;
 * at 8 rather than 16 MB it is collected twice as often, which also frees sooner the buffers a live listing lets go
 * (exec frames, socket reads): 20-30 MB less resident at the same speed, measured on get, snapshot get and start-up.
 * It starts at 4 MB: start-up allocates about 5 MB before a command's first request, and at V8's initial size that
 * cost a scavenge before it (about 2 ms to the first request over 50 interleaved rounds; a large listing's time
 * and peak memory unchanged).
 */
export const LAUNCH_NODE_OPTIONS: readonly string[] = ['--min-semi-space-size=4', '--max-semi-space-size=8'];
const HELP_WIDTHS = [100, 120];

/** `kubectl etcd --help` as yargs lays it out at each width, by running the bundle. */
function renderHelp(node: string, bundle: string): Record<string, string> {
  const help: Record<string, string> = {};
  for (const width of HELP_WIDTHS) {
    const script = `require(${JSON.stringify(bundle)}).main(['--help'], ${width})`;
    help[String(width)] = execFileSync(node, ['-e', script], { encoding: 'utf8' });
  }
  return help;
}

/**
 * Packages a checkout's bundle leaves out and requires from node_modules when a run needs them: @kubernetes/client-node
 * (with undici, over half the bundle) serves only users whose kubeconfig runs an exec plugin or an auth-provider,
 * and every run would read it. A single executable has no node_modules and keeps everything.
 */
export const CHECKOUT_EXTERNALS: readonly string[] = ['@kubernetes/client-node', '@kubernetes/client-node/*'];

/**
 * Builds the three files into `outDir`; `pinnedNode` runs the commands that make the code cache. `external`
 * packages stay out of the bundle, required at run time from the node_modules beside it.
 */
export async function buildLaunchableCli(root: string, outDir: string, nodeVersion: string, pinnedNode: string, external: readonly string[] = []): Promise<LaunchableCli> {
  const bundle = join(outDir, BUNDLE_NAME);
  const earlyRequests = join(outDir, EARLY_REQUESTS_NAME);
  await Promise.all([
    build({
      ...commonOptions(root, nodeVersion),
      entryPoints: ['src/cli/bundle-entry.ts'],
      outfile: bundle,
      format: 'cjs',
      // ESM dependencies (yargs) read import.meta.url; in one CommonJS file that is the file's own URL.
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [dynamicImportsAsRequire(external), lazySchemaPackages(root), lazyTerminalWidth()],
      external: [...external],
    }),
    build({
      ...commonOptions(root, nodeVersion),
      entryPoints: ['src/kube/early-requests.ts'],
      outfile: earlyRequests,
      format: 'cjs',
      plugins: [withoutRareKubeconfigParts()],
    }),
  ]);
  const digest = digestOf(bundle);
  const assetNames = {
    bundle: BUNDLE_NAME,
    codeCache: `kubectl-etcd.${digest}.v8cache`,
    earlyRequests: EARLY_REQUESTS_NAME,
    earlyRequestsCodeCache: `kubectl-etcd-early.${digestOf(earlyRequests)}.v8cache`,
  };
  const commandCodeCaches = Object.fromEntries(COMMAND_CODE_CACHES.map((command) => [command, `kubectl-etcd.${digest}.${command}.v8cache`]));
  const haveNode = existsSync(pinnedNode);
  const launcher = join(outDir, 'kubectl-etcd-launch.cjs');
  await build({
    ...commonOptions(root, nodeVersion),
    entryPoints: ['src/cli/launch.ts'],
    outfile: launcher,
    format: 'cjs',
    define: { KUBECTL_ETCD_LAUNCH: JSON.stringify({ help: renderHelp(haveNode ? pinnedNode : process.execPath, bundle), ...assetNames, commandCodeCaches }) },
  });
  const codeCache = join(outDir, assetNames.codeCache);
  const earlyRequestsCodeCache = join(outDir, assetNames.earlyRequestsCodeCache);
  const caches: Array<[file: string, command?: string]> = [[codeCache], ...Object.entries(commandCodeCaches).map(([command, file]): [string, string] => [join(outDir, file), command])];
  for (const file of [...caches.map(([file]) => file), earlyRequestsCodeCache]) rmSync(file, { force: true });
  if (!haveNode) return { launcher, bundle, earlyRequests, assetNames };
  const train = (script: string, args: readonly string[]) =>
    execFileSync(pinnedNode, ['--import', 'tsx', join(root, 'scripts', script), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  for (const [file, command] of caches) train('code-cache.ts', [bundle, file, ...(command ? [command] : [])]);
  train('early-requests-code-cache.ts', [earlyRequests, earlyRequestsCodeCache]);
  return { launcher, bundle, codeCache, earlyRequests, earlyRequestsCodeCache, assetNames };
}
