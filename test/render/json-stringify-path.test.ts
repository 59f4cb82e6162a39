/**
 * toKubectlJson hands most objects to JSON.stringify (when their keys are in Go's order and nothing in them prints
 * differently) and builds the rest piece by piece: both paths must give the same text, on Kubernetes' own objects
 * and on arbitrary values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import type { JsonValue } from '../../src/codec/value.js';
import { toKubectlJson, toKubectlJsonPiecewise } from '../../src/render/json.js';
import { fixtureTypeMeta, hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

describe('the two ways of printing JSON', () => {
  it.skipIf(!hasFixtures)(`agree on every decoded fixture${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
    const fixtures = listFixtures();
    expect(fixtures.length).toBeGreaterThan(380);
    for (const fixture of fixtures) {
      const decoded = decodeStoredValue(readFixture(fixture, 'pb'), { typeHint: fixtureTypeMeta(fixture) });
      if (decoded.status !== 'decoded') throw new Error(`${fixture.id}: ${decoded.status}`);
      expect({ id: fixture.id, text: toKubectlJson(decoded.object) }).toEqual({ id: fixture.id, text: toKubectlJsonPiecewise(decoded.object) });
    }
  });

  it('agree on arbitrary values: keys in any order, HTML characters, surrogates, bigints, index-like keys', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '9', '10', 'a', 'B', '<', '\u2028', '\uE000', '\u{1F600}', 'x-'));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('<a&b>', '\u2028\u2029', '\uD800', 'x\uDC00y', '\\ud800'));
    const value: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.bigInt(), text,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 5 }) as fc.Arbitrary<JsonValue>,
      ),
    })).value;
    fc.assert(fc.property(value, (v) => toKubectlJson(v) === toKubectlJsonPiecewise(v)), { numRuns: 2000 });
  });
});
