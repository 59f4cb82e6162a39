/**
 * Many reads in one etcdctl run: `etcdctl txn` takes its operations on stdin (compares, a blank line, the success
 * operations, a blank line, the failure operations, a blank line), and a get operation takes the get command's
 * flags, --rev included. A transaction of reads only writes nothing and leaves the revision as it is.
 * Flags carry over from one operation to the next inside etcdctl, so every operation names all of its own.
 */
import { isJsonObject, type JsonValue } from '../codec/value.js';
import { parseJsonExact } from '../render/json-parse.js';

/** etcd's default --max-txn-ops. */
export const MAX_TXN_OPS = 128;

const HEX = '0123456789abcdef';

/** A Go double-quoted literal of the bytes, as etcdctl's txn reader unquotes arguments (printable ASCII as is, the rest as \xHH). */
export function goQuoted(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c) out += String.fromCharCode(byte);
    else out += `\\x${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return `${out}"`;
}

/** stdin for `etcdctl txn -w json` reading `key` (keys only) at each of the revisions. */
export function readsAtRevisions(key: Uint8Array, revisions: readonly number[]): Buffer {
  if (revisions.length > MAX_TXN_OPS) throw new Error(`at most ${MAX_TXN_OPS} operations fit in one transaction`);
  const quoted = goQuoted(key);
  const ops = revisions.map((revision) => `get --keys-only --rev=${revision} -- ${quoted}\n`).join('');
  return Buffer.from(`\n${ops}\n\n`);
}

function rangeResponse(op: JsonValue): JsonValue | undefined {
  const response = isJsonObject(op) ? op['Response'] : undefined;
  return isJsonObject(response) ? response['ResponseRange'] : undefined;
}

/** For each operation of a `txn -w json` of reads, whether it found a key. */
export function foundByReads(text: string): boolean[] {
  const parsed = parseJsonExact(text);
  const responses = isJsonObject(parsed) && Array.isArray(parsed['responses']) ? parsed['responses'] : undefined;
  if (responses === undefined) throw new Error('not the output of `etcdctl txn -w json` (no "responses")');
  return responses.map((op) => {
    const range = rangeResponse(op);
    return isJsonObject(range) && Array.isArray(range['kvs']) && range['kvs'].length > 0;
  });
}
