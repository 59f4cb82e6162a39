/**
 * A release, platform by platform: the target Node binary, the single executable made from it (ad-hoc signed for
 * macOS), the archive with LICENSE, its sha256; then the krew manifest, checked against krew's rules and against
 * the archives themselves, and a checksums file.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listArchive, writeArchive } from './archive.js';
import { buildLaunchableCli, type LaunchableCli } from './bundle.js';
import { sha256File } from './digest.js';
import { archiveFileName, homepageOf, PLUGIN_NAME, releaseBaseUrl, renderKrewManifest, type ReleasedArchive } from './krew-manifest.js';
import { archiveProblems, krewManifestProblems, parseKrewManifest } from './krew-rules.js';
import { adHocSignFile } from './macho-sign.js';
import { targetNodeBinary } from './node-binaries.js';
import { buildSea, checkBuildingNode } from './sea.js';
import { isHostTarget, readPackageFacts, type ReleaseTarget } from './targets.js';

export interface ReleaseOptions {
  /** The repository: package.json, LICENSE, sources. */
  readonly root: string;
  readonly targets: readonly ReleaseTarget[];
  /** Release base URL, `{version}` standing for the version. */
  readonly baseUrl: string;
  /** The plugin's home page; by default the GitHub project of the base URL. */
  readonly homepage?: string;
  /** Archives, manifest and checksums. */
  readonly outDir: string;
  /** Downloaded Node packages and their binaries, kept between builds. */
  readonly cacheDir: string;
  /** Bundles, configurations and executables before archiving. */
  readonly workDir: string;
  readonly log: (line: string) => void;
}

export interface BuiltArchive extends ReleasedArchive {
  readonly path: string;
  /** The single executable, before archiving. */
  readonly executablePath: string;
  readonly withCodeCache: boolean;
}

export interface Release {
  readonly version: string;
  readonly archives: readonly BuiltArchive[];
  readonly manifestPath: string;
  readonly manifest: string;
}

const run = promisify(execFile);

/**
 * The archive entries' time: SOURCE_DATE_EPOCH, else the last commit's, so that rebuilding a commit gives archives
 * that differ only where V8 does (the code cache of this machine's platform).
 */
async function sourceDate(root: string): Promise<Date> {
  const fromEnvironment = process.env['SOURCE_DATE_EPOCH'];
  if (fromEnvironment && /^\d+$/.test(fromEnvironment)) return new Date(Number(fromEnvironment) * 1000);
  const { stdout } = await run('git', ['log', '-1', '--format=%ct'], { cwd: root });
  return new Date(Number(stdout.trim()) * 1000);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function checkRelease(manifestText: string, archives: readonly BuiltArchive[]): Promise<void> {
  const manifest = parseKrewManifest(manifestText);
  const problems = krewManifestProblems(manifest, PLUGIN_NAME);
  for (const [index, archive] of archives.entries()) {
    const platform = manifest.spec.platforms[index];
    if (!platform) continue;
    const entries = (await listArchive(archive.path)).map((entry) => entry.name);
    problems.push(...archiveProblems(platform, entries).map((problem) => `${archive.fileName}: ${problem}`));
  }
  if (problems.length > 0) throw new Error(`the release breaks krew's rules:\n  ${problems.join('\n  ')}`);
}

export interface ExecutableOptions {
  readonly nodeVersion: string;
  readonly cacheDir: string;
  readonly workDir: string;
  /** The launchable CLI, built once for all targets (see buildReleaseCli). */
  readonly cli: LaunchableCli;
  /** Embed the code cache; by default on this machine's platform only, the one whose Node made it. */
  readonly withCodeCache?: boolean;
}

export interface BuiltExecutable {
  readonly path: string;
  readonly withCodeCache: boolean;
}

/** The launchable CLI for the executables, in `<workDir>/cli`, its code cache made by the pinned Node. */
export function buildReleaseCli(root: string, workDir: string, nodeVersion: string): Promise<LaunchableCli> {
  return buildLaunchableCli(root, join(workDir, 'cli'), nodeVersion, process.execPath);
}

/** The single executable of one platform, in `<workDir>/<target>/`. */
export async function buildExecutable(target: ReleaseTarget, options: ExecutableOptions): Promise<BuiltExecutable> {
  checkBuildingNode(options.nodeVersion);
  const withCodeCache = (options.withCodeCache ?? isHostTarget(target)) && options.cli.codeCache !== undefined;
  const targetDir = join(options.workDir, `${target.id}${withCodeCache ? '' : '-no-code-cache'}`);
  await rm(targetDir, { recursive: true, force: true });
  await mkdir(targetDir, { recursive: true });
  const path = join(targetDir, target.executable);
  await buildSea({
    cli: options.cli,
    withCodeCache,
    executable: await targetNodeBinary(target, options.nodeVersion, options.cacheDir),
    output: path,
    configPath: join(targetDir, 'sea-config.json'),
  });
  // --build-sea drops the Node binary's signature, and arm64 Macs run no unsigned program.
  if (target.os === 'darwin') await adHocSignFile(path, target.executable);
  return { path, withCodeCache };
}

export async function buildRelease(options: ReleaseOptions): Promise<Release> {
  const { version, nodeVersion } = readPackageFacts(join(options.root, 'package.json'));
  checkBuildingNode(nodeVersion);
  const baseUrl = releaseBaseUrl(options.baseUrl, version);
  const homepage = options.homepage ?? homepageOf(baseUrl);
  if (!homepage) throw new Error(`no home page: the base URL ${baseUrl} is not a GitHub release URL; give --homepage`);
  await Promise.all([options.outDir, options.cacheDir, options.workDir].map((dir) => mkdir(dir, { recursive: true })));
  const modified = await sourceDate(options.root);
  const cli = await buildReleaseCli(options.root, options.workDir, nodeVersion);

  const archives: BuiltArchive[] = [];
  for (const target of options.targets) {
    const executable = await buildExecutable(target, { nodeVersion, cacheDir: options.cacheDir, workDir: options.workDir, cli });
    const fileName = archiveFileName(target, version);
    const path = join(options.outDir, fileName);
    await writeArchive(path, [
      { name: target.executable, path: executable.path, mode: 0o755 },
      { name: 'LICENSE', path: join(options.root, 'LICENSE'), mode: 0o644 },
    ], modified);
    const sha256 = await sha256File(path);
    archives.push({ target, fileName, sha256, path, executablePath: executable.path, withCodeCache: executable.withCodeCache });
    const how = executable.withCodeCache ? 'with code cache' : 'no code cache';
    options.log(`${target.id}: ${fileName} (${megabytes((await stat(path)).size)}; executable ${megabytes((await stat(executable.path)).size)}, ${how}) sha256 ${sha256}`);
  }

  const manifest = renderKrewManifest({ version, baseUrl, homepage, archives });
  await checkRelease(manifest, archives);
  const manifestPath = join(options.outDir, 'krew-manifest.yaml');
  await writeFile(manifestPath, manifest);
  await writeFile(join(options.outDir, 'sha256sums.txt'), archives.map((a) => `${a.sha256}  ${a.fileName}\n`).join(''));
  return { version, archives, manifestPath, manifest };
}
