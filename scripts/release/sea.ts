/**
 * `node --build-sea`: the bundled CLI injected into a target Node binary. Node writes the blob for its own version,
 * so the Node running the release must be the pinned one every target binary has.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SeaBuild {
  /** The bundle: a CommonJS snapshot entry, or an ES module. */
  readonly main: string;
  readonly form: 'snapshot' | 'module';
  /** The target Node binary. */
  readonly executable: string;
  readonly output: string;
  /** Where the configuration file goes (it names the other paths, so it is kept beside the output). */
  readonly configPath: string;
}

/** Node's configuration for --build-sea. Snapshots and code caches are made by the running Node, so only for its own platform. */
function seaConfig(build: SeaBuild): Record<string, unknown> {
  return {
    main: build.main,
    ...(build.form === 'module' ? { mainFormat: 'module', useCodeCache: false } : { useSnapshot: true }),
    executable: build.executable,
    output: build.output,
    disableExperimentalSEAWarning: true,
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
