/** The get printers on keys whose values are real Kubernetes bytes: table cells, lease IDs as etcdctl prints them, names. */
import { describe, expect, it } from 'vitest';
import { encodeObject } from '../../src/codec/encode.js';
import { decodeStoredValue } from '../../src/codec/stored-value.js';
import { parseKey } from '../../src/etcd/key-layout.js';
import { keyPrinter, type KeyEntry } from '../../src/render/key-printers.js';

function entry(key: string, value: Uint8Array, lease: number | bigint, decode = true): KeyEntry {
  const kv = { key: Buffer.from(key), value: Buffer.from(value), createRevision: 5, modRevision: 9, version: 3, lease };
  return { kv, key, address: parseKey('/registry', key), decoded: decode ? decodeStoredValue(value, { key }) : undefined };
}

const event = encodeObject({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1', namespace: 'shop' }, reason: 'Started' });

describe('get printers', () => {
  it('print lease IDs with sixteen hex digits, as etcdctl lease list does, exact past 2^53', () => {
    const printer = keyPrinter('wide', true);
    printer.add(entry('/registry/events/shop/web.1', event, 0x09e4a1fce7f0a806n), 1);
    printer.add(entry('/registry/events/shop/web.2', event, 7), 1);
    printer.add(entry('/registry/events/shop/web.3', event, 0), 1);
    const rows = printer.page().trimEnd().split('\n').map((line) => line.split(/ {3,}/));
    expect(rows.map((row) => row[row.length - 1])).toEqual(['LEASE', '09e4a1fce7f0a806', '0000000000000007', '<none>']);
    expect(rows[1]).toEqual(['/registry/events/shop/web.1', 'shop', 'web.1', 'Event', String(event.length), '9', 'v1', 'protobuf', '5', '3', '09e4a1fce7f0a806']);
  });

  it('name objects as kubectl -o name does, from the value or, without one, from the key', () => {
    const printer = keyPrinter('name', true);
    const lines = [
      printer.add(entry('/registry/events/shop/web.1', event, 0), 1),
      printer.add(entry('/registry/events/shop/web.1', event, 0, false), 1),
      printer.add(entry('/registry/stable.example.com/crontabs/shop/nightly', Buffer.from('{"apiVersion":"stable.example.com/v1","kind":"CronTab"}'), 0), 1),
      printer.add(entry('/registry/stable.example.com/crontabs/shop/nightly', Buffer.alloc(0), 0, false), 1),
      printer.add(entry('compact_rev_key', Buffer.from('x'), 0, false), 1),
    ];
    expect(lines.join('')).toBe('event/web.1\nevent/web.1\ncrontab.stable.example.com/nightly\ncrontabs.stable.example.com/nightly\ncompact_rev_key\n');
  });

  it('show a value that does not decode as its stand-in kind', () => {
    const printer = keyPrinter('table', true);
    printer.add(entry('/registry/pods/shop/broken', Buffer.from('k8s\0garbage'), 0), 1);
    expect(printer.page()).toMatch(/\n\/registry\/pods\/shop\/broken +shop +broken +UndecodableValue +11 +9\n$/);
  });
});
