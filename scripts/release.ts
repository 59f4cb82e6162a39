/**
 * `npm run release [-- --platforms linux-x64,win-x64] [--base-url URL] [--homepage URL]`: single executables for
 * every platform (or those named), their archives, sha256 sums and the krew manifest, in release/v<version>/.
 * A release of all platforms also writes the manifest to the top-level krew-manifest.yaml.
 * The base URL may hold `{version}`; KUBECTL_ETCD_RELEASE_BASE_URL sets it too.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRelease } from './release/build-release.js';
import { DEFAULT_BASE_URL } from './release/krew-manifest.js';
import { readPackageFacts, releaseTargets, targetById } from './release/targets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    platforms: { type: 'string' },
    'base-url': { type: 'string' },
    homepage: { type: 'string' },
  },
});

const targets = values.platforms ? values.platforms.split(',').map((id) => targetById(id.trim())) : releaseTargets;
const baseUrl = values['base-url'] ?? process.env['KUBECTL_ETCD_RELEASE_BASE_URL'] ?? DEFAULT_BASE_URL;
const { version } = readPackageFacts(join(root, 'package.json'));
const started = Date.now();
const release = await buildRelease({
  root,
  targets,
  baseUrl,
  ...(values.homepage ? { homepage: values.homepage } : {}),
  outDir: join(root, 'release', `v${version}`),
  cacheDir: join(root, 'release', 'cache'),
  workDir: join(root, 'release', 'build'),
  log: (line) => process.stdout.write(`${line}\n`),
});

const complete = releaseTargets.every((target) => targets.includes(target));
if (complete) await copyFile(release.manifestPath, join(root, 'krew-manifest.yaml'));
process.stdout.write(`krew manifest: ${release.manifestPath}${complete ? ' (and krew-manifest.yaml)' : ''}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
if (baseUrl.includes('/OWNER/')) process.stdout.write('note: the URLs hold the placeholder OWNER; give the real base URL with --base-url\n');
