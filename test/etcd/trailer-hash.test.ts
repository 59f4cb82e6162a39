/**
 * The sha256 trailer checked in flight agrees with the check of the whole file (the offline reader's), however the
 * stream is cut into chunks, on a snapshot real etcd wrote (examples/demo.db); a damaged or short stream fails it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSha256Trailer } from '../../src/etcd/snapshot/snapshot-trailer.js';
import { TrailerHash } from '../../src/etcd/trailer-hash.js';

const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo.db');

function streamed(bytes: Buffer, cuts: readonly number[]) {
  const hash = new TrailerHash();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    hash.update(bytes.subarray(at, cut));
    at = cut;
  }
  hash.update(bytes.subarray(at));
  return hash.finish();
}

describe('TrailerHash', () => {
  it('agrees with the whole-file check for any chunking, down to single bytes', async () => {
    const bytes = await readFile(demo);
    const whole = await checkSha256Trailer(demo);
    if (!whole.present) throw new Error('examples/demo.db has a trailer');
    expect(whole.valid).toBe(true);
    const oneByte = new TrailerHash();
    for (let i = 0; i < bytes.length; i++) oneByte.update(bytes.subarray(i, i + 1));
    expect(oneByte.finish()).toEqual({ databaseBytes: bytes.length - 32, expected: whole.expected, actual: whole.actual, valid: true });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(streamed(bytes, cuts)).toEqual({ databaseBytes: bytes.length - 32, expected: whole.expected, actual: whole.actual, valid: true });
      }),
    );
  });

  it('a flipped byte anywhere fails it', async () => {
    const bytes = await readFile(demo);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 10 }), (at, cuts) => {
        const damaged = Buffer.from(bytes);
        damaged[at] = (damaged[at] as number) ^ 0x01;
        expect(streamed(damaged, cuts).valid).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('a stream shorter than a trailer has none', () => {
    const hash = new TrailerHash();
    hash.update(Buffer.alloc(20));
    expect(hash.finish()).toMatchObject({ databaseBytes: 0, expected: '', valid: false });
  });
});
