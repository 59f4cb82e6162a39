/**
 * The JSON printer: Go's json.MarshalIndent with four spaces, as `kubectl get -o json` prints. Expected texts are
 * kubectl v1.32.4 output (`kubectl annotate --local -f - -o json`) for the same values; test/render/kubectl.test.ts
 * re-checks against whatever kubectl is installed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/codec/value.js';
import { toKubectlJson } from '../../src/render/json.js';
import { hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

describe('layout', () => {
  it('indents by four spaces, sorts keys, prints empty collections inline and ends with a newline', () => {
    const value = { spec: { m: {}, n: [1, 1.5], nested: [[1, 2], [], { a: [{ b: 1 }] }], s: [], z: null } };
    expect(toKubectlJson(value)).toBe(
      '{\n' +
        '    "spec": {\n' +
        '        "m": {},\n' +
        '        "n": [\n' +
        '            1,\n' +
        '            1.5\n' +
        '        ],\n' +
        '        "nested": [\n' +
        '            [\n' +
        '                1,\n' +
        '                2\n' +
        '            ],\n' +
        '            [],\n' +
        '            {\n' +
        '                "a": [\n' +
        '                    {\n' +
        '                        "b": 1\n' +
        '                    }\n' +
        '                ]\n' +
        '            }\n' +
        '        ],\n' +
        '        "s": [],\n' +
        '        "z": null\n' +
        '    }\n' +
        '}\n',
    );
  });

  it('sorts keys by UTF-8 bytes, so astral characters come after U+E000', () => {
    const printed = toKubectlJson({ '\uE000': 1, '😀': 2, a: 3, B: 4, '': 5 });
    expect(printed).toBe('{\n    "": 5,\n    "B": 4,\n    "a": 3,\n    "\uE000": 1,\n    "😀": 2\n}\n');
  });
});

describe('values', () => {
  it.each<[JsonValue, string]>([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.00001, '0.00001'],
    [1234567.5, '1234567.5'],
    [2 ** 63, '9223372036854776000'],
    [1e20, '100000000000000000000'],
    [-0, '0'],
    [9223372036854775807n, '9223372036854775807'],
    [18446744073709551615n, '18446744073709551615'],
  ])('number %s', (value, expected) => {
    expect(toKubectlJson([value])).toBe(`[\n    ${expected}\n]\n`);
  });

  it.each<[string, string]>([
    ['<a>&b', '"\\u003ca\\u003e\\u0026b"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['\u0001\u001f', '"\\u0001\\u001f"'],
    ['\u007f', '"\u007f"'],
    ['😀é', '"😀é"'],
    ['"\\/', '"\\"\\\\/"'],
    ['\ud800x\udc00', '"\ufffdx\ufffd"'],
  ])('string %j', (value, expected) => {
    expect(toKubectlJson([value])).toBe(`[\n    ${expected}\n]\n`);
  });

  it('refuses NaN and infinities, which JSON cannot hold (Go fails the same way)', () => {
    expect(() => toKubectlJson({ v: Number.NaN })).toThrow(RangeError);
    expect(() => toKubectlJson({ v: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe('round trip through JSON.parse', () => {
  it('gives back any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // JSON.stringify first: -0 prints as 0, as Go and JSON.stringify both do.
        const expected: unknown = JSON.parse(JSON.stringify(value));
        expect(JSON.parse(toKubectlJson(value as JsonValue))).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  describe.skipIf(!hasFixtures)(`Kubernetes fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
    it.each(listFixtures().map((fixture) => [fixture.id, fixture] as const))('%s', (_id, fixture) => {
      const object: unknown = JSON.parse(readFixture(fixture, 'json').toString('utf8'));
      expect(JSON.parse(toKubectlJson(object as JsonValue))).toEqual(object);
    });
  });
});
