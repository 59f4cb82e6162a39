/** Collected stdout is exactly the bytes that arrived, in order, whatever was expected of it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StdoutBytes } from '../../src/kube/stdout-bytes.js';

describe('StdoutBytes', () => {
  it('holds the chunks joined, with room made up front, grown past it, or for nothing expected', () => {
    const chunks = fc.array(fc.uint8Array({ maxLength: 70_000 }), { maxLength: 12 });
    fc.assert(
      fc.property(chunks, fc.nat({ max: 400_000 }), (parts, expected) => {
        const collected = new StdoutBytes(expected);
        for (const part of parts) collected.add(part);
        expect(collected.bytes().equals(Buffer.concat(parts))).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(new StdoutBytes().bytes().length).toBe(0);
  });
});
