/**
 * Output buffers that a long listing reuses: a buffer holds one output at a time, and is filled again only after the
 * output it held was given back; bytes from elsewhere are never taken in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputBuffers, Utf8Output } from '../../src/render/utf8-output.js';

const text = (out: Utf8Output) => Buffer.from(out.view()).toString('latin1');

describe('OutputBuffers', () => {
  it('fills a given-back buffer again instead of taking new memory', () => {
    const buffers = new OutputBuffers();
    const first = new Utf8Output(1024, buffers);
    first.ascii('first');
    const memory = first.view().buffer;
    buffers.giveBack(first.view());
    const second = new Utf8Output(512, buffers);
    second.ascii('second');
    expect(second.view().buffer).toBe(memory);
    expect(text(second)).toBe('second');
  });

  it('never fills a buffer whose output was not given back, nor one given back twice for two outputs', () => {
    const buffers = new OutputBuffers();
    const kept = new Utf8Output(256, buffers);
    kept.ascii('kept');
    const other = new Utf8Output(256, buffers);
    other.ascii('other');
    buffers.giveBack(other.view());
    buffers.giveBack(other.view());
    const a = new Utf8Output(256, buffers);
    const b = new Utf8Output(256, buffers);
    a.ascii('aaaa');
    b.ascii('bbbb');
    expect(a.view().buffer).not.toBe(b.view().buffer);
    expect([a.view().buffer, b.view().buffer]).not.toContain(kept.view().buffer);
    expect([text(kept), text(a), text(b)]).toEqual(['kept', 'aaaa', 'bbbb']);
  });

  it('leaves alone bytes it did not hand out: text, Buffer pool slices, another thread\'s output', () => {
    const buffers = new OutputBuffers();
    const pooled = Buffer.from('a slice of the shared pool');
    const foreign = new Utf8Output(256);
    foreign.ascii('made without the buffers');
    buffers.giveBack(pooled);
    buffers.giveBack(foreign.view());
    const next = new Utf8Output(8, buffers);
    next.ascii('next');
    expect(next.view().buffer).not.toBe(pooled.buffer);
    expect(next.view().buffer).not.toBe(foreign.view().buffer);
    expect(pooled.toString()).toBe('a slice of the shared pool');
  });

  it('fills memory another thread handed over whole, as a free buffer, and ignores memory that was handed on', () => {
    const buffers = new OutputBuffers();
    const handedOver = new ArrayBuffer(4096);
    buffers.adopt(handedOver);
    const out = new Utf8Output(100, buffers);
    out.ascii('into the handed-over memory');
    expect(out.view().buffer).toBe(handedOver);
    const detached = new ArrayBuffer(64);
    structuredClone(detached, { transfer: [detached] });
    buffers.adopt(detached);
    const next = new Utf8Output(8, buffers);
    next.ascii('fresh');
    expect(next.view().buffer).not.toBe(detached);
    expect([text(out), text(next)]).toEqual(['into the handed-over memory', 'fresh']);
  });

  it('keeps every output intact while outputs grow, are given back and are refilled in any order', () => {
    const step = fc.oneof(
      fc.record({ write: fc.nat({ max: 7 }), length: fc.nat({ max: 3000 }) }),
      fc.record({ giveBack: fc.nat({ max: 7 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const buffers = new OutputBuffers(3);
        const outputs: Array<{ out: Utf8Output; expected: string } | undefined> = [];
        let fill = 0;
        for (const s of steps) {
          if ('write' in s) {
            const slot = (outputs[s.write] ??= { out: new Utf8Output(64, buffers), expected: '' });
            const piece = String.fromCharCode(97 + (fill++ % 26)).repeat(s.length);
            if (s.length % 2 === 0) slot.out.ascii(piece);
            else slot.out.bytes(Buffer.from(piece));
            slot.expected += piece;
          } else {
            const slot = outputs[s.giveBack];
            if (slot === undefined) continue;
            expect(text(slot.out)).toBe(slot.expected);
            buffers.giveBack(slot.out.view());
            outputs[s.giveBack] = undefined;
          }
          for (const live of outputs) if (live) expect(text(live.out)).toBe(live.expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
