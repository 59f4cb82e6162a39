/**
 * The krew manifest against krew's rules: the committed krew-manifest.yaml, manifests broken one rule at a time
 * (each must be caught), and, when `npm run release` has been run here, every archive it made against the
 * manifest it wrote (sha256 and contents).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listArchive } from '../../scripts/release/archive.js';
import { sha256File } from '../../scripts/release/digest.js';
import { archiveFileName, krewManifest, PLUGIN_NAME } from '../../scripts/release/krew-manifest.js';
import { archiveProblems, krewManifestProblems, parseKrewManifest, SHORT_DESCRIPTION_MAX, type KrewPlugin } from '../../scripts/release/krew-rules.js';
import { readPackageFacts, releaseTargets } from '../../scripts/release/targets.js';
import { repoRoot } from '../cli/cli-runner.js';

const { version } = readPackageFacts(join(repoRoot, 'package.json'));
const committed = parseKrewManifest(readFileSync(join(repoRoot, 'krew-manifest.yaml'), 'utf8'));

/** A manifest for all five platforms, as the release writes it (checksums made up: the rules only check their form). */
function validManifest(): KrewPlugin {
  return krewManifest({
    version,
    baseUrl: `https://github.com/example/kubectl-etcd/releases/download/v${version}/`,
    homepage: 'https://github.com/example/kubectl-etcd',
    archives: releaseTargets.map((target, index) => ({ target, fileName: archiveFileName(target, version), sha256: String(index).repeat(64) })),
  });
}

function broken(change: (manifest: KrewPlugin) => void): string[] {
  const manifest = validManifest();
  change(manifest);
  return krewManifestProblems(manifest, PLUGIN_NAME);
}

describe('krew-manifest.yaml (committed)', () => {
  it('follows krew rules for the plugin etcd', () => {
    expect(krewManifestProblems(committed, 'etcd')).toEqual([]);
  });

  it('is for the version in package.json, with a leading v', () => {
    expect(committed.spec.version).toBe(`v${version}`);
  });

  it('has one platform for each of linux amd64/arm64, darwin amd64/arm64, windows amd64, each with the executable and LICENSE', () => {
    const platforms = committed.spec.platforms.map((p) => `${p.selector.matchLabels?.['os']}/${p.selector.matchLabels?.['arch']}`);
    expect(platforms.sort()).toEqual(['darwin/amd64', 'darwin/arm64', 'linux/amd64', 'linux/arm64', 'windows/amd64']);
    for (const platform of committed.spec.platforms) {
      const windows = platform.selector.matchLabels?.['os'] === 'windows';
      expect(platform.bin).toBe(windows ? 'kubectl-etcd.exe' : 'kubectl-etcd');
      expect(platform.files?.map((f) => f.from).sort()).toEqual([platform.bin, 'LICENSE'].sort());
      expect(platform.uri.endsWith(windows ? '.zip' : '.tar.gz')).toBe(true);
    }
  });
});

describe('krew rules catch what krew refuses', () => {
  it('accepts the manifest the release writes', () => {
    expect(krewManifestProblems(validManifest(), PLUGIN_NAME)).toEqual([]);
  });

  it('a name other than the plugin name (kubectl-etcd is the plugin etcd)', () => {
    expect(broken((m) => (m.metadata.name = 'kubectl-etcd'))).toContainEqual(expect.stringContaining("metadata.name is 'kubectl-etcd'"));
    expect(krewManifestProblems(validManifest(), 'etcd-tools')).toContainEqual(expect.stringContaining("the plugin is 'etcd-tools'"));
  });

  it('a version without the leading v, or not semantic', () => {
    expect(broken((m) => (m.spec.version = version))).toContainEqual(expect.stringContaining('leading v'));
    expect(broken((m) => (m.spec.version = 'v1.2'))).toContainEqual(expect.stringContaining('leading v'));
    expect(broken((m) => (m.spec.version = 'v1.2.3-rc.1+build.5'))).toEqual([]);
  });

  it(`a shortDescription over ${SHORT_DESCRIPTION_MAX} characters`, () => {
    expect(broken((m) => (m.spec.shortDescription = 'x'.repeat(SHORT_DESCRIPTION_MAX)))).toEqual([]);
    expect(broken((m) => (m.spec.shortDescription = 'x'.repeat(SHORT_DESCRIPTION_MAX + 1)))).toContainEqual(expect.stringContaining('at most 50'));
  });

  it('platforms that overlap: the same os/arch twice, or a wider selector covering a narrower one', () => {
    expect(broken((m) => m.spec.platforms.push(structuredClone(m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number])))).toContainEqual(expect.stringContaining('platforms overlap on linux/amd64'));
    const wide = broken((m) => m.spec.platforms.push({ ...structuredClone(m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number]), selector: { matchLabels: { os: 'darwin' } } }));
    expect(wide).toContainEqual(expect.stringContaining('platforms overlap on darwin/amd64'));
    expect(wide).toContainEqual(expect.stringContaining('platforms overlap on darwin/arm64'));
    const expression = broken((m) => m.spec.platforms.push({ ...structuredClone(m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number]), selector: { matchExpressions: [{ key: 'os', operator: 'In', values: ['linux'] }, { key: 'arch', operator: 'NotIn', values: ['amd64'] }] } }));
    expect(expression).toContainEqual(expect.stringContaining('platforms overlap on linux/arm64'));
    expect(expression).not.toContainEqual(expect.stringContaining('platforms overlap on linux/amd64'));
  });

  it('a Windows bin without .exe, a bin krew would not link as kubectl-etcd, a malformed sha256, an unsupported selector key', () => {
    const windows = (m: KrewPlugin) => m.spec.platforms.find((p) => p.selector.matchLabels?.['os'] === 'windows') as KrewPlugin['spec']['platforms'][number];
    expect(broken((m) => (windows(m).bin = 'kubectl-etcd'))).toContainEqual(expect.stringContaining('should be kubectl-etcd.exe'));
    expect(broken((m) => ((m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number]).bin = 'etcd'))).toContainEqual(expect.stringContaining('should be kubectl-etcd'));
    expect(broken((m) => ((m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number]).sha256 = 'ABC'))).toContainEqual(expect.stringContaining('sha256'));
    expect(broken((m) => ((m.spec.platforms[0] as KrewPlugin['spec']['platforms'][number]).selector.matchLabels = { os: 'linux', distro: 'debian' }))).toContainEqual(expect.stringContaining("selector key 'distro'"));
  });

  it('an archive without LICENSE or without the bin, or files naming what is not there', () => {
    const platform = validManifest().spec.platforms[0] as KrewPlugin['spec']['platforms'][number];
    expect(archiveProblems(platform, ['kubectl-etcd', 'LICENSE'])).toEqual([]);
    expect(archiveProblems(platform, ['kubectl-etcd'])).toEqual(['files: LICENSE is not in the archive', 'the archive holds no LICENSE that files copies']);
    expect(archiveProblems(platform, ['LICENSE', 'kubectl-etcd-linux'])).toContainEqual(expect.stringContaining('bin kubectl-etcd is not in the archive'));
    expect(archiveProblems({ ...platform, files: [{ from: 'kubectl-etcd', to: '.' }] }, ['kubectl-etcd', 'LICENSE'])).toEqual(['the archive holds no LICENSE that files copies']);
  });
});

const releaseDir = join(repoRoot, 'release', `v${version}`);
const fullRelease = existsSync(join(releaseDir, 'krew-manifest.yaml')) && releaseTargets.every((t) => existsSync(join(releaseDir, archiveFileName(t, version))));

describe.skipIf(!fullRelease)(`the archives of the last \`npm run release\` (${releaseDir})`, () => {
  it('match the manifest written with them: sha256, executable and LICENSE inside, krew rules', async () => {
    const manifest = parseKrewManifest(readFileSync(join(releaseDir, 'krew-manifest.yaml'), 'utf8'));
    expect(krewManifestProblems(manifest, PLUGIN_NAME)).toEqual([]);
    for (const platform of manifest.spec.platforms) {
      const path = join(releaseDir, platform.uri.slice(platform.uri.lastIndexOf('/') + 1));
      expect(await sha256File(path)).toBe(platform.sha256);
      const entries = await listArchive(path);
      expect(archiveProblems(platform, entries.map((e) => e.name))).toEqual([]);
      expect(entries.find((e) => e.name === platform.bin)?.mode).toBe(0o755);
    }
  }, 120_000);
});
