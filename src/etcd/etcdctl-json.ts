/**
 * `etcdctl get -w json` output: keys and values in base64, 64-bit numbers exact (cluster and member IDs pass
 * 2^53, where JSON.parse would silently round them). Zero fields are omitted by etcdctl.
 */
import { isJsonObject, type JsonValue } from '../codec/value.js';
import { parseJsonExact } from '../render/json-parse.js';

export interface KeyValue {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
  /** Lease ID, 0 when none; bigint beyond 2^53. */
  readonly lease: number | bigint;
}

export interface ResponseHeader {
  readonly clusterId: number | bigint;
  readonly memberId: number | bigint;
  readonly revision: number;
  readonly raftTerm: number;
}

export interface RangeResponse {
  readonly header: ResponseHeader;
  readonly kvs: KeyValue[];
  readonly more: boolean;
  readonly count: number;
}

function integer(value: JsonValue | undefined): number | bigint {
  return typeof value === 'number' || typeof value === 'bigint' ? value : 0;
}

function smallInteger(value: JsonValue | undefined): number {
  return Number(integer(value));
}

function base64(value: JsonValue | undefined): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
}

export function isRangeResponseJson(value: JsonValue): boolean {
  return isJsonObject(value) && isJsonObject(value.header) && (value.kvs === undefined || Array.isArray(value.kvs));
}

/** Parses one `get -w json` document; throws with a clear message when it is not one. */
export function parseRangeResponse(text: string): RangeResponse {
  const parsed = parseJsonExact(text);
  if (!isRangeResponseJson(parsed) || !isJsonObject(parsed)) {
    throw new Error('not the output of `etcdctl get -w json` (no "header" object)');
  }
  const header = isJsonObject(parsed.header) ? parsed.header : {};
  const kvs = Array.isArray(parsed.kvs) ? parsed.kvs : [];
  return {
    header: {
      clusterId: integer(header.cluster_id),
      memberId: integer(header.member_id),
      revision: smallInteger(header.revision),
      raftTerm: smallInteger(header.raft_term),
    },
    kvs: kvs.filter(isJsonObject).map((kv) => ({
      key: base64(kv.key),
      value: base64(kv.value),
      createRevision: smallInteger(kv.create_revision),
      modRevision: smallInteger(kv.mod_revision),
      version: smallInteger(kv.version),
      lease: integer(kv.lease),
    })),
    more: parsed.more === true,
    count: smallInteger(parsed.count),
  };
}
