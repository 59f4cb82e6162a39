/**
 * The npm package as a user gets it: `npm pack` holds only what users need, the tarball installs into an empty
 * project and `npx kubectl-etcd` runs from there (on a Node >= 22.19: the pinned one), and kubectl finds the
 * installed command as a plugin, runs it, and completes it through the package's kubectl_complete-etcd.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackageFacts } from '../../scripts/release/targets.js';
import { repoRoot, requireBuild, runProgram } from '../cli/cli-runner.js';
import { locateProgram } from '../cluster/host-tools.js';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';

const run = promisify(execFile);
const { version, nodeVersion } = readPackageFacts(join(repoRoot, 'package.json'));
const pinnedNodeDir = join(repoRoot, 'node_modules', 'node', 'bin');
const kubectl = await locateProgram('kubectl');

/** What a user sees of a program run in a folder: exit status, stdout, stderr. */
function runIn(cwd: string, program: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, stderr });
    });
  });
}

interface PackResult {
  filename: string;
  files: Array<{ path: string; mode: number }>;
}

describe('the npm package', () => {
  let work: string;
  let pack: PackResult;
  let app: string;
  /** A user's PATH: a Node recent enough first, then the system's (npx, kubectl). */
  let userEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    requireBuild();
    work = await mkdtemp(join(tmpdir(), 'kubectl-etcd-npm-'));
    const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: repoRoot, maxBuffer: 1 << 26 });
    pack = (JSON.parse(packed.stdout) as PackResult[])[0] as PackResult;
    app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{ "name": "uses-kubectl-etcd", "private": true }\n');
    await run('npm', ['install', join(work, pack.filename), '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, maxBuffer: 1 << 26 });
    await mkdir(join(work, 'home'));
    userEnv = { PATH: `${pinnedNodeDir}:${process.env['PATH'] ?? ''}`, HOME: join(work, 'home') };
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs the launchers, the bundle, LICENSE, README.md and package.json, and nothing else', () => {
    const paths = pack.files.map((file) => file.path);
    const unexpected = paths.filter((path) => !/^(bin|dist)\//.test(path) && !['LICENSE', 'README.md', 'package.json'].includes(path));
    expect(unexpected).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['bin/kubectl-etcd', 'bin/kubectl_complete-etcd', 'dist/kubectl-etcd.mjs', 'LICENSE', 'package.json']));
    expect(paths.filter((path) => path.startsWith('dist/') && !path.endsWith('.mjs'))).toEqual([]);
    for (const file of pack.files.filter((f) => f.path.startsWith('bin/'))) expect(file.mode & 0o111).not.toBe(0);
  });

  it('runs through npx in the project it is installed in', async () => {
    const help = await runIn(app, 'npx', ['--no-install', 'kubectl-etcd', '--help'], userEnv);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: kubectl etcd <command> [flags]');
    const versionRun = await runIn(app, 'npx', ['--no-install', 'kubectl-etcd', 'version', '--client'], userEnv);
    expect(versionRun.out).toBe(`kubectl-etcd: v${version} (Node.js v${nodeVersion}, ${process.platform}/${process.arch})\n`);
  });

  it.skipIf(!hasFixtures)(`decodes through npx as the checkout does${hasFixtures ? '' : ` (${missingFixturesReason})`}`, async () => {
    const fixture = join(fixturesDir, 'HEAD', 'core.v1.Pod.pb');
    const result = await runIn(app, 'npx', ['--no-install', 'kubectl-etcd', 'decode', fixture], userEnv);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.out).toBe(await readFile(join(fixturesDir, 'HEAD', 'core.v1.Pod.yaml'), 'utf8'));
  });

  describe.skipIf(!kubectl)(`as a kubectl plugin${kubectl ? '' : ' (skipped: kubectl is not on PATH)'}`, () => {
    const pluginEnv = () => ({ ...userEnv, PATH: `${join(app, 'node_modules', '.bin')}:${userEnv['PATH'] ?? ''}` });

    it('kubectl plugin list finds the installed kubectl-etcd', async () => {
      const result = await runProgram(kubectl as string, ['plugin', 'list'], pluginEnv());
      expect(result.out).toContain(join(app, 'node_modules', '.bin', 'kubectl-etcd'));
    });

    it('kubectl etcd runs it, and kubectl completes its words through kubectl_complete-etcd', async () => {
      const versionRun = await runProgram(kubectl as string, ['etcd', 'version', '--client'], pluginEnv());
      expect(versionRun.out).toBe(`kubectl-etcd: v${version} (Node.js v${nodeVersion}, ${process.platform}/${process.arch})\n`);
      const completion = await runProgram(kubectl as string, ['__complete', 'etcd', 'get', 'deploy'], pluginEnv());
      expect(completion.out.split('\n')).toEqual(['deployments', ':4', '']);
      expect(completion.stderr).toContain(`About to call: ${join(app, 'node_modules', '.bin', 'kubectl_complete-etcd')} get deploy`);
    });
  });
});
