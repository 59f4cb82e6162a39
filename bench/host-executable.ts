/**
 * The single executable of this machine's platform, built once per bench run as `npm run release` builds it (in
 * release/bench), for the suites that time the plugin as krew installs it.
 */
import { join } from 'node:path';
import { buildExecutable, buildReleaseCli, type BuiltExecutable } from '../scripts/release/build-release.js';
import { isHostTarget, readPackageFacts, releaseTargets, type ReleaseTarget } from '../scripts/release/targets.js';

const repo = join(import.meta.dirname, '..');

export interface HostExecutable extends BuiltExecutable {
  readonly target: ReleaseTarget;
  readonly workDir: string;
}

let built: Promise<HostExecutable | undefined> | undefined;

async function build(): Promise<HostExecutable | undefined> {
  const target = releaseTargets.find(isHostTarget);
  if (!target) return undefined;
  const { nodeVersion } = readPackageFacts(join(repo, 'package.json'));
  const workDir = join(repo, 'release', 'bench');
  const executable = await buildExecutable(target, {
    nodeVersion,
    cacheDir: join(repo, 'release', 'cache'),
    workDir,
    cli: await buildReleaseCli(repo, workDir, nodeVersion),
  });
  return { ...executable, target, workDir };
}

/** Undefined on a platform no release targets. */
export function hostExecutable(): Promise<HostExecutable | undefined> {
  return (built ??= build());
}
