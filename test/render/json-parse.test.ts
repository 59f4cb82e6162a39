/**
 * parseJsonExact: integers past 2^53 come back exact as bigint, everything else as JSON.parse gives it.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../../src/render/json-parse.js';
import { hasFixtures, listFixtures, missingFixturesReason, readFixture } from '../fixtures.js';

describe('parseJsonExact', () => {
  it('keeps etcd IDs exact (etcdctl get -w json header)', () => {
    const text =
      '{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":7,"raft_term":2},' +
      '"kvs":[{"key":"L3JlZ2lzdHJ5","create_revision":5,"mod_revision":7,"version":2,"lease":7587887045438201351}],' +
      '"count":1}';
    expect(parseJsonExact(text)).toEqual({
      header: { cluster_id: 14841639068965178418n, member_id: 10276657743932975437n, revision: 7, raft_term: 2 },
      kvs: [{ key: 'L3JlZ2lzdHJ5', create_revision: 5, mod_revision: 7, version: 2, lease: 7587887045438201351n }],
      count: 1,
    });
  });

  it('turns exactly the integers past Number.MAX_SAFE_INTEGER into bigint', () => {
    const parsed = parseJsonExact(
      '[9007199254740991,9007199254740992,-9007199254740993,-9223372036854775808,1e400,12345678901234567890.5,' +
        '1.2345678901234567e30]',
    );
    expect(parsed).toEqual([
      9007199254740991,
      9007199254740992n,
      -9007199254740993n,
      -9223372036854775808n,
      Number.POSITIVE_INFINITY,
      Number('12345678901234567890.5'),
      1.2345678901234567e30,
    ]);
  });

  it('leaves digits inside strings alone', () => {
    expect(parseJsonExact('{"resourceVersion":"12345678901234567890","n":1}')).toEqual({
      resourceVersion: '12345678901234567890',
      n: 1,
    });
  });

  it('rejects malformed text on both paths', () => {
    expect(() => parseJsonExact('{"a":1,}')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"a":12345678901234567890,}')).toThrow(SyntaxError);
  });

  describe.skipIf(!hasFixtures)(`Kubernetes fixtures${hasFixtures ? '' : ` (${missingFixturesReason})`}`, () => {
    it('reads every fixture .json as JSON.parse does (they hold no integer past 2^53)', () => {
      for (const fixture of listFixtures()) {
        const text = readFixture(fixture, 'json').toString('utf8');
        expect(parseJsonExact(text), fixture.id).toEqual(JSON.parse(text));
      }
    });
  });
});
