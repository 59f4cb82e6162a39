/**
 * Keys and value sizes read from `etcdctl get -w protobuf` output as it streams in, without holding the page or
 * copying values: the output is one etcdserverpb.RangeResponse { header 1, kvs 2 (repeated), more 3, count 4 },
 * and each KeyValue { key 1, create_revision 2, mod_revision 3, version 4, value 5, lease 6 } is read for its key,
 * the length of its value and whether it has a lease (proto3 leaves zero fields out). Only a field that has not
 * fully arrived is kept back.
 */
import type { KeySize } from './key-sizes.js';

const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;
const FIXED32 = 5;

/** A varint at `at`: its value and where it ends; undefined when the bytes stop first. */
function varint(bytes: Buffer, at: number, end: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 10; i++) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, next: i + 1 };
  }
  if (end - at >= 10) throw new Error(`a varint at offset ${at} runs past ten bytes`);
  return undefined;
}

/** Where the field starting at `at` ends (undefined when it has not all arrived), its number and wire type, where its value starts. */
function fieldAt(bytes: Buffer, at: number, end: number): { field: number; wireType: number; start: number; next: number } | undefined {
  const tag = varint(bytes, at, end);
  if (tag === undefined) return undefined;
  const field = Math.floor(tag.value / 8);
  const wireType = tag.value % 8;
  let start = tag.next;
  let next: number;
  if (wireType === VARINT) {
    const value = varint(bytes, start, end);
    if (value === undefined) return undefined;
    next = value.next;
  } else if (wireType === BYTES) {
    const length = varint(bytes, start, end);
    if (length === undefined) return undefined;
    start = length.next;
    next = start + length.value;
  } else if (wireType === FIXED64 || wireType === FIXED32) {
    next = start + (wireType === FIXED64 ? 8 : 4);
  } else {
    throw new Error(`wire type ${wireType} of field ${field} at offset ${at} is not protobuf`);
  }
  return next <= end ? { field, wireType, start, next } : undefined;
}

function keySize(bytes: Buffer, start: number, end: number): KeySize {
  let key: Buffer | undefined;
  let valueBytes = 0;
  let leased = false;
  for (let at = start; at < end;) {
    const f = fieldAt(bytes, at, end);
    if (f === undefined) throw new Error(`a kv at offset ${start} is cut short`);
    if (f.field === 1 && f.wireType === BYTES) key = Buffer.from(bytes.subarray(f.start, f.next));
    else if (f.field === 5 && f.wireType === BYTES) valueBytes = f.next - f.start;
    else if (f.field === 6 && f.wireType === VARINT) leased = true;
    at = f.next;
  }
  if (key === undefined) throw new Error(`a kv at offset ${start} has no key`);
  return { key, valueBytes, leased };
}

export class RangeSizeStream {
  revision: number | undefined;
  more = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes needed before the next field can be read; 0 when unknown. */
  private needed = 0;

  /** The keys whose kv completed with this chunk. */
  push(chunk: Buffer): KeySize[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.needed) return [];
    const bytes = this.pending.length === 1 ? chunk : Buffer.concat(this.pending);
    const keys: KeySize[] = [];
    let at = 0;
    for (;;) {
      const f = fieldAt(bytes, at, bytes.length);
      if (f === undefined) break;
      if (f.field === 2 && f.wireType === BYTES) keys.push(keySize(bytes, f.start, f.next));
      else if (f.field === 1 && f.wireType === BYTES) this.revision = headerRevision(bytes, f.start, f.next);
      else if (f.field === 3 && f.wireType === VARINT) this.more = bytes[f.start] !== 0;
      at = f.next;
    }
    const rest = bytes.subarray(at);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    this.needed = rest.length > 0 ? neededFor(rest) : 0;
    return keys;
  }

  /** Checks the response ended whole; call when the output is complete. */
  end(): { revision: number; more: boolean } {
    if (this.pendingBytes > 0) throw new Error(`not the output of \`etcdctl get -w protobuf\`: ${this.pendingBytes} bytes at the end are not a whole field`);
    if (this.revision === undefined) throw new Error('not the output of `etcdctl get -w protobuf`: no response header');
    return { revision: this.revision, more: this.more };
  }
}

/** ResponseHeader { cluster_id 1, member_id 2, revision 3, raft_term 4 }. */
function headerRevision(bytes: Buffer, start: number, end: number): number {
  for (let at = start; at < end;) {
    const f = fieldAt(bytes, at, end);
    if (f === undefined) break;
    if (f.field === 3 && f.wireType === VARINT) return (varint(bytes, f.start, end) as { value: number }).value;
    at = f.next;
  }
  return 0;
}

/** How many bytes the field the rest starts with needs in all, when its length is known yet. */
function neededFor(rest: Buffer): number {
  const tag = varint(rest, 0, rest.length);
  if (tag === undefined || tag.value % 8 !== BYTES) return 0;
  const length = varint(rest, tag.next, rest.length);
  return length === undefined ? 0 : length.next + length.value;
}
