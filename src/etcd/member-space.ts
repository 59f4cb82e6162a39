/**
 * The database file of each etcd member: its size, the part in use, and what a defrag would give back (etcd never
 * shrinks the file by itself; pages freed by compaction are reused but stay allocated). From
 * `etcdctl endpoint status -w json --cluster`, which asks every member the cluster lists.
 */
import { isJsonObject, type JsonValue } from '../codec/value.js';
import { EtcdctlError } from '../kube/errors.js';
import { parseJsonExact } from '../render/json-parse.js';
import type { EtcdConnection } from './connect.js';

export interface MemberSpace {
  readonly endpoint: string;
  /** Hex, as etcdctl prints member IDs; empty when the member did not answer. */
  readonly memberId: string;
  readonly dbSize: number;
  /** Undefined when etcd does not report it (before 3.4). */
  readonly dbSizeInUse: number | undefined;
  /** Why the member did not answer. */
  readonly error?: string;
}

function field(object: JsonValue | undefined, name: string): JsonValue | undefined {
  return isJsonObject(object) ? object[name] : undefined;
}

function integer(value: JsonValue | undefined): bigint | undefined {
  return typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : undefined;
}

/** The members etcdctl printed a status for. */
export function parseEndpointStatus(text: string): MemberSpace[] {
  if (text.trim() === '') return [];
  const parsed = parseJsonExact(text);
  return (Array.isArray(parsed) ? parsed : [parsed]).filter(isJsonObject).map((entry) => {
    const status = entry['Status'];
    const inUse = integer(field(status, 'dbSizeInUse'));
    return {
      endpoint: String(entry['Endpoint'] ?? ''),
      memberId: (integer(field(field(status, 'header'), 'member_id')) ?? 0n).toString(16),
      dbSize: Number(integer(field(status, 'dbSize')) ?? 0n),
      dbSizeInUse: inUse === undefined ? undefined : Number(inUse),
    };
  });
}

/** etcdctl's line about an endpoint it could not ask: `Failed to get the status of endpoint <url> (<why>)`. */
const FAILED = /^Failed to get the status of endpoint (\S+) \((.*)\)$/;

export function failedEndpoints(stderr: string): MemberSpace[] {
  return stderr.split('\n').flatMap((line) => {
    const match = FAILED.exec(line.trim());
    return match ? [{ endpoint: match[1] as string, memberId: '', dbSize: 0, dbSizeInUse: undefined, error: match[2] as string }] : [];
  });
}

/**
 * Every member's database space; a member that does not answer is listed with why. etcdctl exits non-zero when
 * one member fails but prints the others: its stdout is taken as it streams, so that once it has answered, the
 * connection does not run the whole command again from another member's pod.
 */
export async function readMemberSpace(connection: EtcdConnection, signal?: AbortSignal): Promise<MemberSpace[]> {
  const chunks: Buffer[] = [];
  const onStdout = (chunk: Buffer) => {
    chunks.push(chunk);
  };
  let stderr: string;
  try {
    ({ stderr } = await connection.etcdctl(['endpoint', 'status', '--cluster', '-w', 'json'], { onStdout, ...(signal ? { signal } : {}) }));
  } catch (error) {
    if (!(error instanceof EtcdctlError) || chunks.length === 0) throw error;
    stderr = error.stderr;
  }
  return [...parseEndpointStatus(Buffer.concat(chunks).toString('utf8')), ...failedEndpoints(stderr)];
}

/** What a defrag would give back. */
export function reclaimable(member: MemberSpace): number | undefined {
  return member.dbSizeInUse === undefined ? undefined : Math.max(0, member.dbSize - member.dbSizeInUse);
}
