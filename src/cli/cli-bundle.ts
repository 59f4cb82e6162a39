/**
 * The CLI as one CommonJS file (dist/kubectl-etcd.cjs), and the launcher's early requests as another
 * (dist/kubectl-etcd-early.cjs), each compiled with a V8 code cache. The launcher and the build's training runs
 * compile them here, the same way: a code cache fits only the exact text it was made for.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import type { ResourceLimits } from 'node:worker_threads';
import type { EarlyRequests } from '../kube/early-handover.js';
import type { ItemWorkerData, ItemWorkerStarter } from '../render/item-worker-starter.js';

export type CliMain = (args: readonly string[], width?: number) => Promise<number>;

/** What the bundle exports (src/cli/bundle-entry.ts). */
export interface CliExports {
  readonly main: CliMain;
  readonly registerItemWorkers: (start: ItemWorkerStarter) => void;
  readonly itemWorkerLimits: ResourceLimits;
  readonly serveItemWorker: (data: ItemWorkerData, port: import('node:worker_threads').MessagePort) => Promise<void>;
  readonly offerEarlyRequests: (early: EarlyRequests | undefined) => void;
}

export type CompiledCli = CliExports & Omit<CompiledScript<CliExports>, 'exports'>;

/** A CommonJS file compiled (with a code cache when there is one) and initialised: its exports, and how it came. */
export interface CompiledScript<Exports> {
  readonly exports: Partial<Exports>;
  /** How the code came: from the cache, or compiled from source (no cache, or V8 refused it: another Node, other flags). */
  readonly codeCache: 'used' | 'missing' | 'rejected';
  /** A code cache of every function compiled so far: written after typical runs. */
  createCodeCache(): Buffer;
}

/**
 * Compiles a CommonJS file as Node would (the same wrapper), with `cachedData` when there is one, and runs its
 * module code. A code cache fits only the exact text it was made from, compiled this way.
 */
export function compileScript<Exports>(source: string, filename: string, cachedData?: Uint8Array): CompiledScript<Exports> {
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  const module = { exports: {} as Partial<Exports> };
  const initialise = script.runInThisContext() as (...args: unknown[]) => void;
  initialise(module.exports, createRequire(filename), module, filename, dirname(filename));
  return {
    exports: module.exports,
    codeCache: cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used',
    createCodeCache: () => script.createCachedData(),
  };
}

/** Compiles and initialises the bundle (its module code runs here), with `cachedData` when there is one. */
export function compileCli(source: string, filename: string, cachedData?: Uint8Array): CompiledCli {
  const compiled = compileScript<CliExports>(source, filename, cachedData);
  const { main, registerItemWorkers, itemWorkerLimits, serveItemWorker, offerEarlyRequests } = compiled.exports;
  if (typeof main !== 'function' || typeof registerItemWorkers !== 'function' || typeof serveItemWorker !== 'function' || typeof offerEarlyRequests !== 'function' || itemWorkerLimits === undefined) {
    throw new Error(`${filename} is not the kubectl-etcd bundle: it lacks main(), registerItemWorkers(), serveItemWorker(), offerEarlyRequests() or itemWorkerLimits`);
  }
  return { main, registerItemWorkers, itemWorkerLimits, serveItemWorker, offerEarlyRequests, codeCache: compiled.codeCache, createCodeCache: compiled.createCodeCache };
}

/** What the early-requests file exports (src/kube/early-requests.ts). */
export interface EarlyRequestsExports {
  readonly sendEarlyRequests: (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<EarlyRequests | undefined>;
}

/** Compiles and initialises the early-requests file (dist/kubectl-etcd-early.cjs), with `cachedData` when there is one. */
export function compileEarlyRequests(source: string, filename: string, cachedData?: Uint8Array): CompiledScript<EarlyRequestsExports> & EarlyRequestsExports {
  const compiled = compileScript<EarlyRequestsExports>(source, filename, cachedData);
  const { sendEarlyRequests } = compiled.exports;
  if (typeof sendEarlyRequests !== 'function') throw new Error(`${filename} is not the kubectl-etcd early-requests file: it lacks sendEarlyRequests()`);
  return { ...compiled, sendEarlyRequests };
}
