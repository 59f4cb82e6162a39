/**
 * Entry of bin/kubectl-etcd in a checkout and of the single executables (dist/kubectl-etcd-launch.cjs). It starts
 * the CLI bundle with the V8 code cache the build made by running typical commands, so the CLI's functions arrive
 * compiled instead of being parsed and compiled on every run; and it answers `kubectl etcd --help` with the text
 * yargs laid out at build time. Before the bundle, a command that reaches etcd sends its first request to the API
 * server (src/kube/early-requests.ts): compiling the bundle then overlaps the answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sea from 'node:sea';
import { earlyRequestOptions } from '../kube/early-options.js';
import type { EarlyRequests } from '../kube/early-handover.js';
import { compileCli, compileEarlyRequests, type CompiledCli, type CompiledScript } from './cli-bundle.js';
import { helpWidth } from './help-width.js';

/** Written in by the build (scripts/build.ts). */
declare const KUBECTL_ETCD_LAUNCH: {
  /** `kubectl etcd --help` as yargs lays it out, by width. */
  readonly help: Readonly<Record<string, string>>;
  /** The bundle's file (or single-executable asset) name. */
  readonly bundle: string;
  /** The code cache's; it names the bundle's digest, so that a cache never meets another bundle. */
  readonly codeCache: string;
  /** Smaller caches made from one command's runs, by command (files only). */
  readonly commandCodeCaches: Readonly<Record<string, string>>;
  /** The early-requests file's (or asset's) name, and its code cache's. */
  readonly earlyRequests: string;
  readonly earlyRequestsCodeCache: string;
};

function prerenderedHelp(args: readonly string[]): string | undefined {
  if (args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return undefined;
  return KUBECTL_ETCD_LAUNCH.help[helpWidth(process.stdout.isTTY ? process.stdout.columns : undefined)];
}

/** A single executable's code cache asset: absent when it was built for another platform. */
function executableCodeCache(name: string): Buffer | undefined {
  try {
    return Buffer.from(sea.getRawAsset(name));
  } catch {
    return undefined;
  }
}

/** A single executable holds the bundle, and on the platform it was built on the code cache, as assets. */
function loadFromExecutable(): CompiledCli {
  return compileCli(sea.getAsset(KUBECTL_ETCD_LAUNCH.bundle, 'utf8'), process.execPath, executableCodeCache(KUBECTL_ETCD_LAUNCH.codeCache));
}

/** Says on stderr, with KUBECTL_ETCD_DEBUG set, that a file came without its code cache. */
function reportCodeCache(what: string, compiled: Pick<CompiledScript<unknown>, 'codeCache'>): void {
  if (compiled.codeCache !== 'used' && process.env['KUBECTL_ETCD_DEBUG']) {
    process.stderr.write(`kubectl-etcd: ${compiled.codeCache === 'missing' ? 'no code cache' : 'the code cache does not fit this Node'} for ${what}; compiling from source\n`);
  }
}

/** The early requests' code (src/kube/early-requests.ts), compiled with its code cache when there is one. */
function loadEarlyRequests(): ReturnType<typeof compileEarlyRequests> {
  const { earlyRequests, earlyRequestsCodeCache } = KUBECTL_ETCD_LAUNCH;
  const file = join(__dirname, earlyRequests);
  const cache = join(__dirname, earlyRequestsCodeCache);
  const compiled = sea.isSea()
    ? compileEarlyRequests(sea.getAsset(earlyRequests, 'utf8'), process.execPath, executableCodeCache(earlyRequestsCodeCache))
    : compileEarlyRequests(readFileSync(file, 'latin1'), file, existsSync(cache) ? readFileSync(cache) : undefined);
  reportCodeCache('the early requests', compiled);
  return compiled;
}

/** The bundle and the code cache for the command `word` names (its own when it has one). */
function loadFromFiles(word: string | undefined): CompiledCli {
  const bundle = join(__dirname, KUBECTL_ETCD_LAUNCH.bundle);
  const own = word === undefined ? undefined : KUBECTL_ETCD_LAUNCH.commandCodeCaches[word];
  const cache = [own, KUBECTL_ETCD_LAUNCH.codeCache].map((name) => (name === undefined ? undefined : join(__dirname, name))).find((path) => path !== undefined && existsSync(path));
  return compileCli(readFileSync(bundle, 'latin1'), bundle, cache === undefined ? undefined : readFileSync(cache));
}

/**
 * The argument a worker thread started from this file gets (no user argument starts with it): the thread knows its
 * role without loading node:worker_threads, which a run on the main thread mostly does not need.
 */
const ITEM_WORKER_ARGUMENT = '--kubectl-etcd-item-worker-thread';

const args = process.argv.slice(2);
const help = prerenderedHelp(args);
if (args[0] === ITEM_WORKER_ARGUMENT) {
  // A thread formatting List items for the main one (files only: a single executable formats them itself).
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  void loadFromFiles('get').serveItemWorker(workerData as Parameters<CompiledCli['serveItemWorker']>[0], parentPort!);
} else if (help !== undefined) {
  process.stdout.write(help);
} else {
  // A command that reaches etcd asks for the etcd pods first, and the CLI loads while the API server answers. Other
  // commands load neither the early code nor Node's TLS stack here.
  const sending: Promise<EarlyRequests | undefined> =
    earlyRequestOptions(args) === undefined ? Promise.resolve(undefined) : Promise.resolve().then(() => loadEarlyRequests().sendEarlyRequests(args));
  void sending.catch(() => undefined).then((early) => {
    const fromExecutable = sea.isSea();
    const cli = fromExecutable ? loadFromExecutable() : loadFromFiles(args[0]);
    if (!fromExecutable) {
      cli.registerItemWorkers((data) => {
        const { Worker } = process.getBuiltinModule('node:worker_threads');
        return new Worker(__filename, { argv: [ITEM_WORKER_ARGUMENT], workerData: data, resourceLimits: cli.itemWorkerLimits });
      });
    }
    reportCodeCache('the CLI', cli);
    cli.offerEarlyRequests(early);
    void cli.main(args).then((code) => {
      process.exitCode = code;
      early?.abandon();
    });
  });
}
