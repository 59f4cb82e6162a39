/**
 * The target Node binaries, fetched from the npm registry with npm itself (`npm pack <package>@<version>`), checked
 * against the pinned integrity, and unpacked into a cache that later builds reuse.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { sha512Integrity } from './digest.js';
import { nodePackageIntegrity, type ReleaseTarget } from './targets.js';

const run = promisify(execFile);

function pinnedIntegrity(target: ReleaseTarget, nodeVersion: string): string {
  const integrity = nodePackageIntegrity[nodeVersion]?.[target.nodePackage];
  if (integrity === undefined) {
    throw new Error(`no pinned integrity for ${target.nodePackage}@${nodeVersion}: add it to scripts/release/targets.ts (npm view ${target.nodePackage}@${nodeVersion} dist.integrity)`);
  }
  return integrity;
}

/** npm as the running npm script uses it (npm_execpath), else the npm on PATH. */
function npmCommand(args: string[]): [string, string[]] {
  const npmCli = process.env['npm_execpath'];
  return npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args];
}

async function fetchPackageTarball(target: ReleaseTarget, nodeVersion: string, cacheDir: string): Promise<string> {
  const tarball = join(cacheDir, `${target.nodePackage}-${nodeVersion}.tgz`);
  const expected = pinnedIntegrity(target, nodeVersion);
  if (existsSync(tarball) && (await sha512Integrity(tarball)) === expected) return tarball;
  await rm(tarball, { force: true });
  const [command, args] = npmCommand(['pack', `${target.nodePackage}@${nodeVersion}`, '--pack-destination', cacheDir, '--silent']);
  await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  const actual = await sha512Integrity(tarball);
  if (actual !== expected) {
    await rm(tarball, { force: true });
    throw new Error(`${target.nodePackage}@${nodeVersion} from the registry has integrity ${actual}, not the pinned ${expected}`);
  }
  return tarball;
}

/** Copies one file out of a gzipped npm package tarball (whose entries sit under `package/`). */
async function extractFile(tarball: string, entryName: string, destination: string): Promise<void> {
  const extract = tar.extract();
  let found = false;
  extract.on('entry', (header, stream, next) => {
    if (header.name !== `package/${entryName}`) {
      stream.on('end', next).resume();
      return;
    }
    found = true;
    pipeline(stream, createWriteStream(destination)).then(() => next(), (error: unknown) => extract.destroy(error as Error));
  });
  await pipeline(createReadStream(tarball), createGunzip(), extract);
  if (!found) throw new Error(`${tarball} has no ${entryName}`);
}

/**
 * The Node binary for `target` at `nodeVersion`, downloaded and unpacked on first use; the cache holds it under
 * `<cacheDir>/node-v<version>/<target>/`.
 */
export async function targetNodeBinary(target: ReleaseTarget, nodeVersion: string, cacheDir: string): Promise<string> {
  const versionDir = join(cacheDir, `node-v${nodeVersion}`);
  const binary = join(versionDir, target.id, target.nodeBinary.split('/').pop() as string);
  if (existsSync(binary)) return binary;
  await mkdir(join(versionDir, target.id), { recursive: true });
  const tarball = await fetchPackageTarball(target, nodeVersion, versionDir);
  const partial = `${binary}.part`;
  try {
    await extractFile(tarball, target.nodeBinary, partial);
    await chmod(partial, 0o755);
    await rename(partial, binary);
  } finally {
    await rm(partial, { force: true });
  }
  return binary;
}
