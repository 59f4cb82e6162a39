/**
 * `etcdctl watch -w json` output: one WatchResponse per line, `{"Header":{...},"Events":[{"type":1,"kv":{...},
 * "prev_kv":{...}}],"CompactRevision":N,"Canceled":bool,"Created":bool}`. Event type 0 (PUT) is omitted as a zero
 * field; keys and values are base64. A watch that starts below the compacted revision gets one canceled response
 * naming the compacted revision, and etcdctl exits.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../codec/value.js';
import { parseJsonExact } from '../render/json-parse.js';
import type { KeyValue } from './etcdctl-json.js';

export type ChangeKind = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of one key: what a watch event says, and what a history lists. */
export interface KeyChange {
  readonly kind: ChangeKind;
  /** The revision of the change; for a deletion, the revision that deleted the key. */
  readonly revision: number;
  /** The key as stored after the change; a deletion carries only the key and its revision. */
  readonly kv: KeyValue;
  /** The key before the change, when the watch asked for it (--prev-kv). */
  readonly prevKv?: KeyValue;
}

export interface WatchResponse {
  /** The store's revision when etcd sent the response. */
  readonly revision: number;
  readonly changes: readonly KeyChange[];
  /** Set when etcd canceled the watch because the revision it starts at was compacted: the compacted revision. */
  readonly compactedAt?: number;
  readonly canceled: boolean;
}

const DELETE = 1;

function integer(object: JsonObject, field: string): number {
  const value = object[field];
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : 0;
}

function base64(object: JsonObject, field: string): Buffer {
  const value = object[field];
  return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
}

function keyValue(json: JsonValue | undefined): KeyValue | undefined {
  if (!isJsonObject(json)) return undefined;
  const lease = json['lease'];
  return {
    key: base64(json, 'key'),
    value: base64(json, 'value'),
    createRevision: integer(json, 'create_revision'),
    modRevision: integer(json, 'mod_revision'),
    version: integer(json, 'version'),
    lease: typeof lease === 'number' || typeof lease === 'bigint' ? lease : 0,
  };
}

/** A PUT that made version 1 created the key; any other PUT modified it. */
export function changeKind(deleted: boolean, kv: KeyValue): ChangeKind {
  return deleted ? 'DELETED' : kv.version === 1 ? 'ADDED' : 'MODIFIED';
}

function change(event: JsonValue): KeyChange | undefined {
  if (!isJsonObject(event)) return undefined;
  const kv = keyValue(event['kv']);
  if (kv === undefined) return undefined;
  const prevKv = keyValue(event['prev_kv']);
  const deleted = event['type'] === DELETE;
  return { kind: changeKind(deleted, kv), revision: kv.modRevision, kv, ...(prevKv !== undefined ? { prevKv } : {}) };
}

/** Parses one line of `etcdctl watch -w json`; throws when it is not a watch response. */
export function parseWatchResponse(line: string): WatchResponse {
  const parsed = parseJsonExact(line);
  if (!isJsonObject(parsed) || !isJsonObject(parsed['Header'])) throw new Error(`not a line of \`etcdctl watch -w json\`: ${line.slice(0, 80)}`);
  const events = Array.isArray(parsed['Events']) ? parsed['Events'] : [];
  const canceled = parsed['Canceled'] === true;
  const compactedAt = integer(parsed, 'CompactRevision');
  return {
    revision: integer(parsed['Header'], 'revision'),
    changes: events.map(change).filter((c): c is KeyChange => c !== undefined),
    canceled,
    ...(canceled && compactedAt > 0 ? { compactedAt } : {}),
  };
}

/**
 * Cuts a byte stream into lines; only whole lines come out, so a stream cut in the middle of a line loses that
 * line rather than passing on half of it.
 */
export class LineSplitter {
  private partial: Buffer[] = [];

  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      lines.push(this.partial.length === 0 ? piece.toString('utf8') : Buffer.concat([...this.partial, piece]).toString('utf8'));
      this.partial = [];
      start = end + 1;
    }
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
    return lines.filter((line) => line.trim() !== '');
  }
}
