/**
 * `node --build-sea`: the launchable CLI (scripts/release/bundle.ts) put into a target Node binary: the launcher as
 * the main script; the bundle, the early-requests file and (for this machine's platform, whose Node made them)
 * their code caches as assets. Node writes the blob for its own version, so the Node running the release must be
 * the pinned one every target has.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { LAUNCH_NODE_OPTIONS, type LaunchableCli } from './bundle.js';

const run = promisify(execFile);

export interface SeaBuild {
  readonly cli: LaunchableCli;
  /** Embed the code cache: only a Node of the same build and platform as the one that made it takes it. */
  readonly withCodeCache: boolean;
  /** The target Node binary. */
  readonly executable: string;
  readonly output: string;
  /** Where the configuration file goes (it names the other paths, so it is kept beside the output). */
  readonly configPath: string;
}

function seaConfig(build: SeaBuild): Record<string, unknown> {
  const { cli } = build;
  const codeCaches: Record<string, string> = {};
  if (build.withCodeCache && cli.codeCache !== undefined) codeCaches[cli.assetNames.codeCache] = cli.codeCache;
  if (build.withCodeCache && cli.earlyRequestsCodeCache !== undefined) codeCaches[cli.assetNames.earlyRequestsCodeCache] = cli.earlyRequestsCodeCache;
  return {
    main: cli.launcher,
    executable: build.executable,
    output: build.output,
    disableExperimentalSEAWarning: true,
    execArgv: [...LAUNCH_NODE_OPTIONS],
    assets: { [cli.assetNames.bundle]: cli.bundle, [cli.assetNames.earlyRequests]: cli.earlyRequests, ...codeCaches },
  };
}

export function checkBuildingNode(nodeVersion: string): void {
  if (process.version !== `v${nodeVersion}`) {
    throw new Error(`the release needs the pinned Node ${nodeVersion} to build single executables, and this is ${process.version}: run it with \`npm run release\``);
  }
}

export async function buildSea(build: SeaBuild): Promise<void> {
  await writeFile(build.configPath, `${JSON.stringify(seaConfig(build), null, 2)}\n`);
  await run(process.execPath, ['--build-sea', build.configPath], { maxBuffer: 16 * 1024 * 1024 });
}
