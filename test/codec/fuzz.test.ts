/**
 * Property tests: whatever bytes arrive from etcd, the decoder returns a result (never throws) and finishes.
 * Inputs: random bytes, and real fixtures truncated and bit-flipped, which reach deep into the schema walker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

const statuses = ['decoded', 'undecodable', 'encrypted'];

function decodesWithoutThrowing(bytes: Uint8Array): void {
  const result = decodeStoredValue(bytes, { typeHint: { apiVersion: 'v1', kind: 'WatchEvent' } });
  expect(statuses).toContain(result.status);
}

describe('decoder robustness', () => {
  it('never throws on random bytes, with or without the k8s protobuf magic', () => {
    const magic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, withMagic) => {
        decodesWithoutThrowing(withMagic ? Uint8Array.from([...magic, ...bytes]) : bytes);
      }),
      { numRuns: 2000 },
    );
  });
});

describe.skipIf(!hasFixtures)(`decoder robustness on real fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  const corpus = listFixtures().map((fixture) => new Uint8Array(readFixture(fixture, 'pb')));

  it('never throws on truncations of real values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (index, cut) => {
        const bytes = corpus[index] as Uint8Array;
        decodesWithoutThrowing(bytes.subarray(0, Math.floor(bytes.length * cut)));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on bit flips of real values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }),
        (index, flips) => {
          const bytes = Uint8Array.from(corpus[index] as Uint8Array);
          for (const [where, bit] of flips) {
            const at = Math.floor(where * bytes.length);
            bytes[at] = (bytes[at] as number) ^ (1 << bit);
          }
          decodesWithoutThrowing(bytes);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('decodes every untouched value (the properties above are not vacuous)', () => {
    const failures = corpus.filter((bytes) => decodeStoredValue(bytes, { typeHint: { apiVersion: 'v1', kind: 'WatchEvent' } }).status !== 'decoded');
    expect(failures).toHaveLength(0);
  });
});
