/** Collected stdout is exactly the bytes that arrived, in order, whatever was expected of it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpareStdout, StdoutBytes } from '../../src/kube/stdout-bytes.js';

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

describe('SpareStdout', () => {
  it('gathers the next stdout into the memory of one this module gathered, when it is large enough', () => {
    const earlier = new StdoutBytes(4096);
    earlier.add(Buffer.from('earlier page'));
    const memory = earlier.bytes().buffer;
    const next = new StdoutBytes(1000, new SpareStdout(earlier.bytes()));
    next.add(Buffer.from('next page'));
    expect(next.bytes().buffer).toBe(memory);
    expect(next.bytes().toString()).toBe('next page');
  });

  it('is taken once: a second command (a retry) gets memory of its own', () => {
    const earlier = new StdoutBytes(4096);
    earlier.add(Buffer.from('x'));
    const spare = new SpareStdout(earlier.bytes());
    const attempt = new StdoutBytes(100, spare);
    attempt.add(Buffer.from('first attempt'));
    const retry = new StdoutBytes(100, spare);
    retry.add(Buffer.from('retry'));
    expect(retry.bytes().buffer).not.toBe(attempt.bytes().buffer);
    expect([attempt.bytes().toString(), retry.bytes().toString()]).toEqual(['first attempt', 'retry']);
  });

  it('is not used when too small, nor when its bytes were not gathered here (they may share memory)', () => {
    const small = new StdoutBytes();
    small.add(Buffer.alloc(10));
    const grown = new StdoutBytes(1 << 20, new SpareStdout(small.bytes()));
    grown.add(Buffer.from('big'));
    expect(grown.bytes().buffer).not.toBe(small.bytes().buffer);
    const pooled = Buffer.from('pooled');
    const other = new StdoutBytes(0, new SpareStdout(pooled));
    other.add(Buffer.from('mine'));
    expect(other.bytes().buffer).not.toBe(pooled.buffer);
    expect(pooled.toString()).toBe('pooled');
  });
});
