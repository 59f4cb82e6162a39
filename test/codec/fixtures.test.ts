/**
 * The decoder against Kubernetes' own serialization: every fixture's .pb (bytes exactly as stored in etcd) must
 * decode to an object deep-equal to its .json (the object as the API serves it), or for old data whose type changed
 * since, to its .after_roundtrip.json.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import type { JsonValue } from '../../src/codec/value.js';
import { fixtureTypeMeta, hasFixtures, listFixtures, missingFixturesReason, readAcceptedForms, readFixture } from '../fixtures.js';

/** bigint is how the decoder keeps int64 exact; the .json parsed by JSON.parse holds the nearest double. */
function comparable(value: JsonValue): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

describe.skipIf(!hasFixtures)(`decoding Kubernetes fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  const fixtures = listFixtures();

  it('finds the fixture corpus', () => {
    expect(fixtures.length).toBeGreaterThan(380);
  });

  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s decodes to its .json', (_id, fixture) => {
    const decoded = decodeStoredValue(readFixture(fixture, 'pb'), { typeHint: fixtureTypeMeta(fixture) });
    if (decoded.status !== 'decoded') throw new Error(`${decoded.status}: ${decoded.reason}`);
    expect(decoded.unknownFields).toEqual([]);
    const forms = readAcceptedForms(fixture, 'json').map((form) => JSON.parse(form.toString('utf8')) as unknown);
    const actual = comparable(decoded.object);
    // toEqual against the closest form gives a readable diff when none matches.
    expect(actual).toEqual(forms.find((form) => isDeepStrictEqual(form, actual)) ?? forms[forms.length - 1]);
  });

  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s prints as its .yaml, byte for byte', (_id, fixture) => {
    const decoded = decodeStoredValue(readFixture(fixture, 'pb'), { typeHint: fixtureTypeMeta(fixture) });
    if (decoded.status !== 'decoded') throw new Error(`${decoded.status}: ${decoded.reason}`);
    const forms = readAcceptedForms(fixture, 'yaml').map((form) => form.toString('utf8'));
    const printed = toKubectlYaml(decoded.object);
    // Against the closest form, so a mismatch shows a readable diff.
    expect(printed).toBe(forms.find((form) => form === printed) ?? forms[forms.length - 1]);
  });
});
