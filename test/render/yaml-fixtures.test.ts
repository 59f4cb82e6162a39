/**
 * The YAML printer against Kubernetes' own serialization: for every fixture, printing the object read from its
 * .json must give its .yaml (written by sigs.k8s.io/yaml over go-yaml v2, as `kubectl get -o yaml` prints) byte
 * for byte.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import { hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

describe.skipIf(!hasFixtures)(`YAML of Kubernetes fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  const fixtures = listFixtures();

  it('finds the fixture corpus', () => {
    expect(fixtures.length).toBeGreaterThan(380);
  });

  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s prints as its .yaml', (_id, fixture) => {
    const object = parseJsonExact(readFixture(fixture, 'json').toString('utf8'));
    expect(toKubectlYaml(object)).toBe(readFixture(fixture, 'yaml').toString('utf8'));
  });
});
