/**
 * Decoded objects come with their keys in the order kubectl prints them (Go's byte order), at every level, so the
 * printers can print them without sorting.
 */
import { describe, expect, it } from 'vitest';
import { compareKeys, deepInKeyOrder, hasKeysInOrder, inKeyOrder } from '../../src/codec/key-order.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import type { JsonObject, JsonValue } from '../../src/codec/value.js';
import { fixtureTypeMeta, hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

/** Paths of the objects whose keys are out of order (index-like keys, which JavaScript always lists first, excepted). */
function outOfOrder(value: JsonValue, path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => outOfOrder(item, `${path}[${index}]`));
  const own = hasKeysInOrder(value) || Object.keys(value).some((key) => /^(0|[1-9]\d*)$/.test(key)) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([key, item]) => outOfOrder(item, `${path}.${key}`))];
}

describe('key order', () => {
  it('is code point order, which differs from UTF-16 order past U+FFFF', () => {
    expect(['b', 'a', 'B', '\uE000', '\u{1F600}', 'ab'].sort(compareKeys)).toEqual(['B', 'a', 'ab', 'b', '\uE000', '\u{1F600}']);
  });

  it('leaves ordered objects as they are and copies the others in order, all the way down', () => {
    const ordered = { a: 1, b: 2 };
    expect(inKeyOrder(ordered)).toBe(ordered);
    const value = deepInKeyOrder({ z: [{ y: 1, x: 2 }], a: { d: 1, c: 2 } }) as JsonObject;
    expect(JSON.stringify(value)).toBe('{"a":{"c":2,"d":1},"z":[{"x":2,"y":1}]}');
  });

  it.skipIf(!hasFixtures)(`holds in every decoded fixture${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
    const fixtures = listFixtures();
    expect(fixtures.length).toBeGreaterThan(380);
    for (const fixture of fixtures) {
      const decoded = decodeStoredValue(readFixture(fixture, 'pb'), { typeHint: fixtureTypeMeta(fixture) });
      if (decoded.status !== 'decoded') throw new Error(`${fixture.id}: ${decoded.status}`);
      expect({ id: fixture.id, outOfOrder: outOfOrder(decoded.object) }).toEqual({ id: fixture.id, outOfOrder: [] });
    }
  });
});
