/**
 * What krew and the krew-index require of a plugin manifest (krew's pkg/index/validation, the index's manifest
 * checks, field notes §6), and of the archives it points to. Each check returns the problems it finds, in words.
 */
import { parse } from 'yaml';

export const KREW_API_VERSION = 'krew.googlecontainertools.github.com/v1alpha2';
export const SHORT_DESCRIPTION_MAX = 50;

export interface KrewFileOperation {
  from: string;
  to: string;
}

export interface KrewSelectorExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface KrewPlatform {
  selector: { matchLabels?: Record<string, string>; matchExpressions?: KrewSelectorExpression[] };
  uri: string;
  sha256: string;
  files?: KrewFileOperation[];
  bin: string;
}

export interface KrewPlugin {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    version: string;
    homepage?: string;
    shortDescription: string;
    description?: string;
    caveats?: string;
    platforms: KrewPlatform[];
  };
}

/** The os and arch values krew matches platforms against (runtime.GOOS/GOARCH of the machines it runs on). */
const KREW_OSES = ['linux', 'darwin', 'windows'];
const KREW_ARCHES = ['386', 'amd64', 'arm', 'arm64', 'ppc64le', 's390x'];
const SAFE_PLUGIN_NAME = /^[\w-]+$/;
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;
const SHA256 = /^[a-f0-9]{64}$/;
/** Semantic Versioning 2.0.0 with krew's leading v. */
const VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function parseKrewManifest(text: string): KrewPlugin {
  return parse(text) as KrewPlugin;
}

/** Whether a platform's selector picks a machine with these os and arch labels. */
export function selectorMatches(platform: KrewPlatform, labels: Readonly<Record<string, string>>): boolean {
  const { matchLabels = {}, matchExpressions = [] } = platform.selector;
  if (Object.entries(matchLabels).some(([key, value]) => labels[key] !== value)) return false;
  return matchExpressions.every((expression) => {
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In': return value !== undefined && (expression.values ?? []).includes(value);
      case 'NotIn': return value === undefined || !(expression.values ?? []).includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
    }
  });
}

function platformName(platform: KrewPlatform, index: number): string {
  const labels = platform.selector?.matchLabels;
  return labels ? `platform ${labels['os'] ?? '*'}/${labels['arch'] ?? '*'}` : `platform #${index + 1}`;
}

function selectorProblems(platform: KrewPlatform, name: string): string[] {
  const selector = platform.selector;
  if (!selector || (!selector.matchLabels && !selector.matchExpressions?.length)) return [`${name}: needs a selector with matchLabels or matchExpressions`];
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)];
  return keys.filter((key) => key !== 'os' && key !== 'arch').map((key) => `${name}: selector key '${key}' is not supported (only os and arch)`);
}

function platformProblems(platform: KrewPlatform, index: number, pluginName: string): string[] {
  const name = platformName(platform, index);
  const problems = selectorProblems(platform, name);
  if (!platform.uri) problems.push(`${name}: uri has to be set`);
  else if (!/^https:\/\//.test(platform.uri) || !/\.(tar\.gz|tgz|zip)$/.test(platform.uri)) problems.push(`${name}: uri ${platform.uri} should be an https URL of a .tar.gz or .zip`);
  if (!SHA256.test(platform.sha256 ?? '')) problems.push(`${name}: sha256 '${platform.sha256}' is not 64 lowercase hex digits`);
  if (!platform.bin) problems.push(`${name}: bin has to be set`);
  const windows = platform.selector?.matchLabels?.['os'] === 'windows';
  const expectedBin = `kubectl-${pluginName}${windows ? '.exe' : ''}`;
  if (platform.bin && platform.bin.split('/').pop() !== expectedBin) problems.push(`${name}: bin is ${platform.bin}; krew links it as kubectl-${pluginName}, so it should be ${expectedBin}`);
  if (platform.files !== undefined) {
    if (platform.files.length === 0) problems.push(`${name}: files has to be absent or non-empty`);
    for (const operation of platform.files) {
      if (!operation.from || !operation.to) problems.push(`${name}: every files entry needs from and to`);
    }
  }
  return problems;
}

/** Pairs of platforms that would both match one machine: krew would pick either. */
function overlapProblems(platforms: readonly KrewPlatform[]): string[] {
  const problems: string[] = [];
  for (const os of KREW_OSES) {
    for (const arch of KREW_ARCHES) {
      const matching = platforms.map((platform, index) => [platform, index] as const).filter(([platform]) => selectorMatches(platform, { os, arch }));
      if (matching.length > 1) problems.push(`platforms overlap on ${os}/${arch}: ${matching.map(([p, i]) => platformName(p, i)).join(', ')}`);
    }
  }
  return problems;
}

/**
 * Problems of a manifest for the plugin `pluginName` (krew-index names the file `<name>.yaml`; the executable is
 * `kubectl-<name>`). An empty list means krew accepts it.
 */
export function krewManifestProblems(manifest: KrewPlugin, pluginName: string): string[] {
  const problems: string[] = [];
  if (manifest.apiVersion !== KREW_API_VERSION) problems.push(`apiVersion is ${manifest.apiVersion}, krew reads ${KREW_API_VERSION}`);
  if (manifest.kind !== 'Plugin') problems.push(`kind is ${manifest.kind}, not Plugin`);
  const name = manifest.metadata?.name;
  if (!SAFE_PLUGIN_NAME.test(name ?? '') || WINDOWS_RESERVED.test(name ?? '')) problems.push(`metadata.name '${name}' is not a safe plugin name`);
  if (name !== pluginName) problems.push(`metadata.name is '${name}', the plugin is '${pluginName}'`);
  const spec = manifest.spec ?? ({} as KrewPlugin['spec']);
  if (!VERSION.test(spec.version ?? '')) problems.push(`spec.version '${spec.version}' is not a semantic version with a leading v`);
  if (!spec.shortDescription) problems.push('spec.shortDescription has to be set');
  else if (spec.shortDescription.length > SHORT_DESCRIPTION_MAX) problems.push(`spec.shortDescription has ${spec.shortDescription.length} characters, at most ${SHORT_DESCRIPTION_MAX}`);
  if (!spec.description) problems.push('spec.description has to be set');
  if (!spec.homepage) problems.push('spec.homepage has to be set');
  const platforms = spec.platforms ?? [];
  if (platforms.length === 0) problems.push('spec.platforms has to list at least one platform');
  platforms.forEach((platform, index) => problems.push(...platformProblems(platform, index, pluginName)));
  problems.push(...overlapProblems(platforms));
  return problems;
}

/**
 * Problems of an archive against its platform entry: every `from` of `files` names a file the archive holds (or a
 * glob matching one), `bin` is among what is copied, and a LICENSE travels with it.
 */
export function archiveProblems(platform: KrewPlatform, entryNames: readonly string[]): string[] {
  const files = platform.files ?? entryNames.map((entry) => ({ from: entry, to: '.' }));
  const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  const copied = (name: string) => files.some((operation) => globToRegExp(operation.from).test(name));
  const problems = files.filter((operation) => !entryNames.some((entry) => globToRegExp(operation.from).test(entry))).map((operation) => `files: ${operation.from} is not in the archive`);
  if (!entryNames.includes(platform.bin) || !copied(platform.bin)) problems.push(`bin ${platform.bin} is not in the archive or not copied by files`);
  if (!entryNames.some((entry) => /^LICEN[CS]E(\.\w+)?$/.test(entry.split('/').pop() ?? '') && copied(entry))) problems.push('the archive holds no LICENSE that files copies');
  return problems;
}
