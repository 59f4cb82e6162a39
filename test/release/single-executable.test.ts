/**
 * The release build for linux-x64 (the full five-platform build is `npm run release`; the downloaded Node binaries
 * are cached in release/cache): its archive against krew's rules and the real tar, and the single executable in it
 * run with no Node on PATH, offline and against the stand-in cluster, where it must print what the npm build prints.
 * The same checks run on a linux-x64 executable built the way the other platforms are (no code cache).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutable, buildRelease, buildReleaseCli, type BuiltArchive, type Release } from '../../scripts/release/build-release.js';
import { sha256File } from '../../scripts/release/digest.js';
import { PLUGIN_NAME } from '../../scripts/release/krew-manifest.js';
import { archiveProblems, krewManifestProblems, parseKrewManifest } from '../../scripts/release/krew-rules.js';
import { isHostTarget, readPackageFacts, targetById } from '../../scripts/release/targets.js';
import { launcher, repoRoot, requireBuild, runProgram, type CliRun } from '../cli/cli-runner.js';
import { useCluster } from '../cluster/harness.js';
import { requireEtcdTools } from '../cluster/host-tools.js';
import { fixturesDir, hasFixtures, missingFixturesReason } from '../fixtures.js';

const run = promisify(execFile);
const target = targetById('linux-x64');
const { version, nodeVersion } = readPackageFacts(join(repoRoot, 'package.json'));

describe.skipIf(!isHostTarget(target))(`the linux-x64 release${isHostTarget(target) ? '' : ` (skipped: this machine is ${process.platform}-${process.arch})`}`, () => {
  let work: string;
  let release: Release;
  let archive: BuiltArchive;
  /** The released executable (with the code cache of its platform), and one built as the other platforms' are. */
  const executables = { 'with its code cache': '', 'without a code cache': '' };
  /** PATH holding only an empty folder: no node, no kubectl, nothing. */
  let bare: NodeJS.ProcessEnv;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kubectl-etcd-release-'));
    release = await buildRelease({
      root: repoRoot,
      targets: [target],
      baseUrl: 'https://github.com/example/kubectl-etcd/releases/download/v{version}/',
      outDir: join(work, 'out'),
      cacheDir: join(repoRoot, 'release', 'cache'),
      workDir: join(work, 'build'),
      log: () => undefined,
    });
    archive = release.archives[0] as BuiltArchive;
    const withoutCache = await buildExecutable(target, {
      nodeVersion, cacheDir: join(repoRoot, 'release', 'cache'), workDir: join(work, 'build'), withCodeCache: false,
      cli: await buildReleaseCli(repoRoot, join(work, 'build'), nodeVersion),
    });
    expect(withoutCache.withCodeCache).toBe(false);
    expect(archive.withCodeCache).toBe(true);
    executables['without a code cache'] = withoutCache.path;
    await mkdir(join(work, 'installed'));
    await run('tar', ['-xzf', archive.path, '-C', join(work, 'installed')]);
    executables['with its code cache'] = join(work, 'installed', 'kubectl-etcd');
    await mkdir(join(work, 'empty'));
    await mkdir(join(work, 'home'));
    bare = { PATH: join(work, 'empty'), HOME: join(work, 'home') };
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });

  it('archives the executable (mode 755) and LICENSE, as the manifest entry says, under the sha256 the manifest gives', async () => {
    const { stdout } = await run('tar', ['-tvzf', archive.path]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^-rwxr-xr-x root\/root .* kubectl-etcd$/);
    expect(lines[1]).toMatch(/^-rw-r--r-- root\/root +11358 .* LICENSE$/);
    expect(await readFile(join(work, 'installed', 'LICENSE'))).toEqual(await readFile(join(repoRoot, 'LICENSE')));
    const manifest = parseKrewManifest(release.manifest);
    expect(krewManifestProblems(manifest, PLUGIN_NAME)).toEqual([]);
    const [platform] = manifest.spec.platforms;
    expect(platform?.selector.matchLabels).toEqual({ os: 'linux', arch: 'amd64' });
    expect(platform?.uri).toBe(`https://github.com/example/kubectl-etcd/releases/download/v${version}/kubectl-etcd_v${version}_linux_amd64.tar.gz`);
    expect(platform?.sha256).toBe(await sha256File(archive.path));
    expect(archiveProblems(platform as NonNullable<typeof platform>, ['kubectl-etcd', 'LICENSE'])).toEqual([]);
  });

  describe.each(['with its code cache', 'without a code cache'] as const)('the executable %s', (form) => {
    const sea = (args: readonly string[], env: NodeJS.ProcessEnv = bare): Promise<CliRun> => runProgram(executables[form], args, env);

    it('prints its help with no Node on PATH, usage as `kubectl etcd ...`, for the root and a subcommand', async () => {
      const help = await sea(['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('Usage: kubectl etcd <command> [flags]');
      expect(help.out).toContain('kubectl etcd decode [files..]');
      expect(help.out).toContain('kubectl etcd version');
      const decodeHelp = await sea(['decode', '--help']);
      expect(decodeHelp.code).toBe(0);
      expect(decodeHelp.out.split('\n')[0]).toBe('kubectl etcd decode [files..]');
    });

    it('says its version, the Node inside it and that it is a single executable', async () => {
      const result = await sea(['version', '--client']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.out).toBe(`kubectl-etcd: v${version} (Node.js v${nodeVersion}, linux/x64, single executable)\n`);
    });

    it.skipIf(!hasFixtures)(`decodes a value as Kubernetes serves it${hasFixtures ? '' : ` (${missingFixturesReason})`}`, async () => {
      // KUBECTL_ETCD_DEBUG: the launcher would say so on stderr if V8 refused the code cache.
      const result = await sea(['decode', join(fixturesDir, 'HEAD', 'apps.v1.Deployment.pb')], { ...bare, KUBECTL_ETCD_DEBUG: '1' });
      expect(result).toMatchObject({ code: 0, stderr: form === 'with its code cache' ? '' : 'kubectl-etcd: no code cache for the CLI; compiling from source\n' });
      expect(result.out).toBe(await readFile(join(fixturesDir, 'HEAD', 'apps.v1.Deployment.yaml'), 'utf8'));
    });

    it('answers completion as kubectl asks a plugin', async () => {
      const result = await sea(['__complete', '--', 'g']);
      expect(result.out.split('\n')).toEqual([expect.stringMatching(/^get\t/), ':4', '']);
    });

    describe('against the stand-in cluster (kubeadm, demo seed)', () => {
      const env = (): NodeJS.ProcessEnv => ({ ...bare, KUBECONFIG: cluster().kubeconfigPath });

      it('gives the versions of the etcd server and of the etcdctl in the pod', async () => {
        const { etcd, etcdctl } = await requireEtcdTools();
        const [server, client] = await Promise.all([run(etcd, ['--version']), run(etcdctl, ['version'])]);
        const result = await sea(['version'], env());
        expect(result).toMatchObject({ code: 0, stderr: '' });
        const lines = result.out.trimEnd().split('\n');
        expect(lines[1]).toBe(`etcd server: ${/etcd Version: (\S+)/.exec(server.stdout)?.[1]} (etcd pod kube-system/etcd-control-plane-1 (container etcd))`);
        expect(lines[2]).toBe(`etcdctl: ${/etcdctl version: (\S+)/.exec(client.stdout)?.[1]}`);
      });

      it('sends the etcd pod list from the launcher before the CLI loads (-v says so), the early code compiled with its cache where it has one', async () => {
        const result = await sea(['get', 'ns', '-v'], { ...env(), KUBECTL_ETCD_DEBUG: '1' });
        expect(result.code).toBe(0);
        expect(result.stderr).toContain('/api/v1/namespaces/kube-system/pods?labelSelector=component%3Detcd) sent while the CLI loaded\n');
        const complaints = result.stderr.split('\n').filter((line) => line.includes('code cache'));
        expect(complaints).toEqual(form === 'with its code cache' ? [] : ['kubectl-etcd: no code cache for the early requests; compiling from source', 'kubectl-etcd: no code cache for the CLI; compiling from source']);
      });

      it('gets objects, keys and tables byte for byte as the npm build does', async () => {
        requireBuild();
        const npmEnv = { PATH: process.env['PATH'], HOME: join(work, 'home'), KUBECONFIG: cluster().kubeconfigPath };
        for (const args of [['get', 'deploy', '-A', '-o', 'yaml'], ['get', 'ns'], ['get', '/registry/namespaces/', '--prefix', '--keys-only'], ['get', 'svc', 'nope', '-n', 'shop']]) {
          const [fromSea, fromNpm] = await Promise.all([sea(args, env()), runProgram(launcher, args, npmEnv)]);
          expect({ args, code: fromSea.code, out: fromSea.out, stderr: fromSea.stderr }).toEqual({ args, code: fromNpm.code, out: fromNpm.out, stderr: fromNpm.stderr });
        }
      });
    });
  });
});
