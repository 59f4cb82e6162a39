/**
 * Lists printed item by item are the same text as the whole List printed at once, for every Kubernetes fixture
 * object (real serialization, folding and quoting included), and an empty List prints as kubectl prints one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/codec/value.js';
import { EtcdctlJsonStream } from '../../src/render/etcdctl-json-stream.js';
import { parseRangeResponse } from '../../src/etcd/etcdctl-json.js';
import { ListStream } from '../../src/render/list-stream.js';
import { formatObject, objectFormats } from '../../src/render/output.js';
import { listOf } from '../../src/render/stored-object.js';
import { hasFixtures, listFixtures, missingFixturesReason } from '../fixtures.js';

function streamed(items: JsonObject[], format: (typeof objectFormats)[number]): string {
  const stream = new ListStream(format);
  return items.map((item) => stream.item(item)).join('') + stream.end();
}

describe('List streams', () => {
  it.each(objectFormats)('print an empty List as the %s printer does', (format) => {
    expect(streamed([], format)).toBe(formatObject(listOf([]), format));
  });

  it.each(objectFormats)('print small objects as the whole %s List', (format) => {
    const items: JsonObject[] = [{ kind: 'A', metadata: { name: 'a' } }, { kind: 'B', data: { long: 'x '.repeat(60), multi: 'one\ntwo\n' } }];
    expect(streamed(items, format)).toBe(formatObject(listOf(items), format));
  });

  it('writes etcdctl -w json documents its parser reads back, 64-bit leases exact', () => {
    const stream = new EtcdctlJsonStream();
    const kvs = [
      { key: Buffer.from('/a'), value: Buffer.from([0, 1, 2]), createRevision: 2, modRevision: 3, version: 2, lease: 0 },
      { key: Buffer.from('/b'), value: Buffer.alloc(0), createRevision: 4, modRevision: 4, version: 1, lease: 7587869437862711041n },
    ];
    const text = kvs.map((kv) => stream.kv(kv, 9)).join('') + stream.end(9);
    expect(text).toBe('{"header":{"revision":9},"kvs":[{"key":"L2E=","create_revision":2,"mod_revision":3,"version":2,"value":"AAEC"},{"key":"L2I=","create_revision":4,"mod_revision":4,"version":1,"lease":7587869437862711041}],"count":2}\n');
    expect(parseRangeResponse(text)).toMatchObject({ count: 2, header: { revision: 9 }, kvs });
    expect(new EtcdctlJsonStream().end(5)).toBe('{"header":{"revision":5}}\n');
  });
});

describe.skipIf(!hasFixtures)(`List streams of real objects${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
  const objects = listFixtures().map((fixture) => JSON.parse(readFileSync(fixture.path('json'), 'utf8')) as JsonObject);

  it.each(objectFormats)('print every fixture object as the whole %s List would', (format) => {
    expect(objects.length).toBeGreaterThan(100);
    expect(streamed(objects, format)).toBe(formatObject(listOf(objects), format));
  });
});
