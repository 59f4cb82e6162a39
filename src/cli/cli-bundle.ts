/**
 * The CLI as one CommonJS file (dist/kubectl-etcd.cjs), compiled with a V8 code cache. The launcher and the build's
 * training run both compile it here, the same way: a code cache fits only the exact text it was made for.
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

export interface CompiledCli extends CliExports {
  /** How the code came: from the cache, or compiled from source (no cache, or V8 refused it: another Node, other flags). */
  readonly codeCache: 'used' | 'missing' | 'rejected';
  /** A code cache of every function compiled so far: written after typical commands have run. */
  createCodeCache(): Buffer;
}

/** Compiles and initialises the bundle (its module code runs here), with `cachedData` when there is one. */
export function compileCli(source: string, filename: string, cachedData?: Uint8Array): CompiledCli {
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  const module = { exports: {} as Partial<CliExports> };
  const initialise = script.runInThisContext() as (...args: unknown[]) => void;
  initialise(module.exports, createRequire(filename), module, filename, dirname(filename));
  const { main, registerItemWorkers, itemWorkerLimits, serveItemWorker, offerEarlyRequests } = module.exports;
  if (typeof main !== 'function' || typeof registerItemWorkers !== 'function' || typeof serveItemWorker !== 'function' || typeof offerEarlyRequests !== 'function' || itemWorkerLimits === undefined) {
    throw new Error(`${filename} is not the kubectl-etcd bundle: it lacks main(), registerItemWorkers(), serveItemWorker(), offerEarlyRequests() or itemWorkerLimits`);
  }
  return {
    main,
    registerItemWorkers,
    itemWorkerLimits,
    serveItemWorker,
    offerEarlyRequests,
    codeCache: cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'used',
    createCodeCache: () => script.createCachedData(),
  };
}
