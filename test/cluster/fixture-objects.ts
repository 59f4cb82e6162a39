/**
 * The `fixtures` seed set: every stored kind among the shared Kubernetes fixtures, with the exact bytes
 * Kubernetes serialized, under the key kube-apiserver would use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureFolders, fixturesDir, hasFixtures } from '../fixtures.js';
import { storageKey } from './key-layout.js';

export interface FixtureEntry {
  key: string;
  value: Uint8Array;
  /** `<folder>/<base name>` of the fixture. */
  source: string;
}

export interface FixtureSeed {
  entries: FixtureEntry[];
  /** Fixtures of kinds the API server never stores (reviews, options, Scale, ...). */
  notStored: string[];
}

/** `apps.v1.Deployment[.after_roundtrip]` -> `{ kind: 'Deployment', version tag: 'apps-v1' }` */
function parseBaseName(baseName: string): { kind: string; versionTag: string } {
  const parts = baseName.replace(/\.after_roundtrip$/, '').split('.');
  const kind = parts.pop() ?? '';
  return { kind, versionTag: parts.join('-') };
}

function isAfterRoundTrip(baseName: string): boolean {
  return baseName.endsWith('.after_roundtrip');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Reads every `.pb` fixture. Several fixtures share a key (one kind in several versions, HEAD and v1.36.0, after
 * round trip); etcd holds one value per key, so the first keeps the plain key and later ones get
 * `<key>-<folder>-<group-version>[-after-roundtrip]`.
 */
export function fixtureEntries(prefix: string): FixtureSeed {
  if (!hasFixtures) throw new Error(`the fixtures seed needs the shared fixtures at ${fixturesDir}`);
  const entries: FixtureEntry[] = [];
  const notStored: string[] = [];
  const taken = new Set<string>();
  // v1.36.0 first: a released version's bytes get the plain keys.
  const folders = [...fixtureFolders].sort((a, b) => Number(b === 'v1.36.0') - Number(a === 'v1.36.0'));
  for (const folder of folders) {
    const dir = join(fixturesDir, folder);
    if (!existsSync(dir)) continue;
    const baseNames = readdirSync(dir).filter((f) => f.endsWith('.pb')).map((f) => f.slice(0, -3)).sort();
    // Kubernetes' own bytes before the re-encoded after_roundtrip variants.
    for (const baseName of [...baseNames.filter((b) => !isAfterRoundTrip(b)), ...baseNames.filter(isAfterRoundTrip)]) {
      const file = `${baseName}.pb`;
      const { kind, versionTag } = parseBaseName(baseName);
      const metadata = (JSON.parse(readFileSync(join(dir, `${baseName}.json`), 'utf8')) as { metadata?: { name?: string; namespace?: string } }).metadata ?? {};
      const name = metadata.name ?? 'unnamed';
      const plainKey = storageKey(prefix, { kind, name, namespace: metadata.namespace });
      if (plainKey === undefined) {
        notStored.push(`${folder}/${baseName}`);
        continue;
      }
      const suffix = slug(`${folder}-${versionTag}${isAfterRoundTrip(baseName) ? '-after-roundtrip' : ''}`);
      const key = taken.has(plainKey) ? `${plainKey}-${suffix}` : plainKey;
      taken.add(key);
      entries.push({ key, value: readFileSync(join(dir, file)), source: `${folder}/${baseName}` });
    }
  }
  return { entries, notStored };
}
