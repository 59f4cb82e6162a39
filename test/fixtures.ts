/**
 * The Kubernetes-serialized fixtures in ../shared/k8s-fixtures (outside the repository). Suites that need them
 * skip with `missingFixturesReason` when the folder is absent, e.g. in a fresh clone outside this workplace.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const fixturesDir = resolve(repoRoot, '..', 'shared', 'k8s-fixtures');
export const hasFixtures = existsSync(fixturesDir);
export const missingFixturesReason = `skipped: Kubernetes fixtures not found at ${fixturesDir} (they live in the workplace's shared folder)`;

/** Fixture folders relative to fixturesDir. */
export const fixtureFolders = ['HEAD', 'v1.36.0', 'apiextensions-apiserver/HEAD'] as const;

export interface Fixture {
  /** e.g. `HEAD/apps.v1.Deployment` */
  readonly id: string;
  readonly folder: string;
  /** e.g. `apps.v1.Deployment` or `core.v1.Pod.after_roundtrip` */
  readonly name: string;
  readonly path: (extension: 'pb' | 'json' | 'yaml') => string;
}

/** Every fixture that has a .pb, .json and .yaml, in a stable order. */
export function listFixtures(): Fixture[] {
  if (!hasFixtures) return [];
  const fixtures: Fixture[] = [];
  for (const folder of fixtureFolders) {
    const dir = join(fixturesDir, folder);
    if (!existsSync(dir)) continue;
    const files = new Set(readdirSync(dir));
    for (const file of [...files].sort()) {
      if (!file.endsWith('.pb')) continue;
      const name = file.slice(0, -3);
      if (!files.has(`${name}.json`) || !files.has(`${name}.yaml`)) continue;
      fixtures.push({ id: `${folder}/${name}`, folder, name, path: (extension) => join(dir, `${name}.${extension}`) });
    }
  }
  return fixtures;
}

export function readFixture(fixture: Fixture, extension: 'pb' | 'json' | 'yaml'): Buffer {
  return readFileSync(fixture.path(extension));
}

/**
 * The forms a fixture may legitimately take today: itself and, for an old release's data whose type changed since,
 * the `.after_roundtrip.*` file current Kubernetes makes of it. A schema may keep an old field (so old data shows
 * as it was served) or follow the new type; either way the result must be one of these, byte for byte.
 */
export function readAcceptedForms(fixture: Fixture, extension: 'pb' | 'json' | 'yaml'): Buffer[] {
  const roundTripped = fixture.path(extension).replace(/\.(pb|json|yaml)$/, `.after_roundtrip.$1`);
  const forms = [readFixture(fixture, extension)];
  if (existsSync(roundTripped)) forms.push(readFileSync(roundTripped));
  return forms;
}

/** `apps.v1.Deployment` -> apps/v1 Deployment; `core.v1.Pod` -> v1 Pod. */
export function fixtureTypeMeta(fixture: Fixture): { apiVersion: string; kind: string } {
  const parts = fixture.name.replace(/\.after_roundtrip$/, '').split('.');
  const kind = parts.pop() ?? '';
  const version = parts.pop() ?? '';
  const group = parts.join('.');
  return { apiVersion: group === 'core' ? version : `${group}/${version}`, kind };
}
