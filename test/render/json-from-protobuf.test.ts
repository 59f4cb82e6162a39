/**
 * The JSON printer that works straight from protobuf bytes must print exactly what decoding and then printing the
 * object prints, on Kubernetes' own objects and on damaged copies of them; what it does not take on it must leave
 * untouched, for the usual path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStoredValue } from '../../src/codec/encode.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { formatListItems } from '../../src/render/decoded-entries.js';
import { printStoredValueAsJson } from '../../src/render/json-from-protobuf.js';
import { listItemText } from '../../src/render/list-stream.js';
import { storedObject } from '../../src/render/stored-object.js';
import { Utf8Output } from '../../src/render/utf8-output.js';
import { hasFixtures, listFixtures, missingFixturesReason, readFixture, type Fixture } from '../fixtures.js';

const ITEM_DEPTH = 2;
const indent = '        ';

/** What the usual path prints for the value as a List item (indentation included). */
function usualItem(value: Uint8Array): string {
  return listItemText(storedObject(decodeStoredValue(value), 'key'), 'json');
}

/** The direct printer's item, or undefined when it leaves the value to the usual path (having printed nothing). */
function directItem(value: Uint8Array): string | undefined {
  const out = new Utf8Output(16);
  out.bytes(Buffer.from('before'));
  out.bytes(Buffer.from(indent));
  if (!printStoredValueAsJson(value, out, ITEM_DEPTH)) {
    expect(Buffer.from(out.view()).toString()).toBe(`before${indent}`);
    return undefined;
  }
  const text = Buffer.from(out.view()).toString();
  expect(text.startsWith('before')).toBe(true);
  return text.slice('before'.length);
}

const skipReason = hasFixtures ? '' : ` (${missingFixturesReason})`;
const fixtures: Fixture[] = hasFixtures ? listFixtures() : [];

describe('printing JSON straight from protobuf', () => {
  it.skipIf(!hasFixtures)(`prints every fixture it takes on exactly as decoding and printing does${skipReason}`, () => {
    expect(fixtures.length).toBeGreaterThan(380);
    const leftToUsualPath: string[] = [];
    for (const fixture of fixtures) {
      const pb = readFixture(fixture, 'pb');
      const direct = directItem(pb);
      if (direct === undefined) leftToUsualPath.push(fixture.id);
      else expect({ id: fixture.id, text: direct }).toEqual({ id: fixture.id, text: usualItem(pb) });
    }
    // The types it leaves alone: inline messages within inline messages (admission policies' rules) and values
    // whose envelope names no type (WatchEvent). Every other fixture sets every field of its type.
    expect(leftToUsualPath.every((id) => /AdmissionPolicy(Binding)?$|\.WatchEvent$/.test(id))).toBe(true);
    expect(fixtures.length - leftToUsualPath.length).toBeGreaterThan(350);
  });

  it.skipIf(!hasFixtures)(`prints damaged values exactly as the usual path does, or leaves them to it${skipReason}`, () => {
    const pbs = fixtures.filter((fixture) => !fixture.id.endsWith('WatchEvent')).map((fixture) => readFixture(fixture, 'pb'));
    const damaged = fc.integer({ min: 0, max: pbs.length - 1 }).chain((which) => {
      const pb = pbs[which] as Buffer;
      return fc.oneof(
        fc.integer({ min: 0, max: pb.length }).map((length) => pb.subarray(0, length)),
        fc.array(fc.tuple(fc.integer({ min: 4, max: pb.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }).map((changes) => {
          const copy = Buffer.from(pb);
          for (const [at, byte] of changes) copy[at] = byte;
          return copy;
        }),
      );
    });
    let printed = 0;
    fc.assert(
      fc.property(damaged, (value) => {
        const direct = directItem(value);
        if (direct === undefined) return;
        printed++;
        expect(direct).toBe(usualItem(value));
      }),
      { numRuns: 1500 },
    );
    // Most single-byte changes land in a string or number and still decode: the property checked real printing.
    expect(printed).toBeGreaterThan(100);
  });

  it.skipIf(!hasFixtures)(`prints times as decoding does, and leaves to it a time holding anything but seconds and nanos${skipReason}`, () => {
    // A metav1.Time as Go writes one: length 8, field 1 (seconds, five varint bytes), field 2 (nanos) zero.
    const isTime = (pb: Buffer, at: number) => pb[at] === 8 && pb[at + 1] === 0x08 && pb[at + 7] === 0x10 && pb[at + 8] === 0x00;
    let times = 0;
    for (const fixture of fixtures.filter((f) => !f.id.endsWith('WatchEvent'))) {
      const pb = readFixture(fixture, 'pb');
      const whole = directItem(pb);
      if (whole === undefined) continue;
      expect(whole).toBe(usualItem(pb));
      for (let at = 0; at < pb.length - 8; at++) {
        if (!isTime(pb, at)) continue;
        times++;
        // In place of the nanos: the tag of field 2 as another wire type (fixed64, length-delimited, fixed32), or of
        // an unknown field 3, alone or written in two bytes that end the time.
        for (const [tag, last] of [[0x11, 0], [0x12, 0], [0x15, 0], [0x18, 0], [0x91, 0], [0x92, 0], [0x95, 0], [0x98, 0]] as const) {
          const changed = Buffer.from(pb);
          changed[at + 7] = tag;
          changed[at + 8] = last;
          const direct = directItem(changed);
          if (direct !== undefined) expect(direct).toBe(usualItem(changed));
        }
      }
    }
    expect(times).toBeGreaterThan(100);
  });

  it('escapes strings as Go does: every ASCII character, HTML characters, line and paragraph separators, past U+FFFF', () => {
    const ascii = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('');
    const data: Record<string, string> = {
      ascii,
      annotation: '{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"<b> & c"}}',
      command: 'sleep 1 && echo "done" > /tmp/x\ty\r\n',
      unicode: 'caf\u00e9 \u2028 \u2029 \ud83d\ude00 \u4e2d',
      plain: 'nothing to escape',
    };
    const value = encodeStoredValue({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'escapes', namespace: 'default', annotations: { note: ascii } }, data });
    expect(directItem(value)).toBe(usualItem(value));
  });

  it.skipIf(!hasFixtures)(`gives a listing the same text whichever path printed each item${skipReason}`, () => {
    const batch = fixtures
      .filter((fixture) => !fixture.id.endsWith('WatchEvent'))
      .map((fixture) => ({ key: Buffer.from(`/registry/${fixture.id}`), value: readFixture(fixture, 'pb') }));
    // A value the direct printer leaves alone (JSON), and one nothing decodes, among them.
    batch.splice(3, 0, { key: Buffer.from('/registry/x/json'), value: Buffer.from('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a<b"}}') });
    batch.splice(7, 0, { key: Buffer.from('/registry/x/garbage'), value: Buffer.from('k8s\u0000\u00ff\u00ff') });
    const formatted = formatListItems(batch, { keyPrefix: '/registry', keyRing: undefined, forApply: false }, 'json', 5);
    const expected = batch.map(({ key, value }) => listItemText(storedObject(decodeStoredValue(value, { key: key.toString() }), key.toString()), 'json'));
    expect(formatted.text).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(formatted.text as Uint8Array).toString()).toBe(expected.join(',\n'));
    expect(formatted.failures).toEqual([expect.stringContaining('/registry/x/garbage')]);
    expect(formatted.tally.incomplete).toBe(1);
  });
});
