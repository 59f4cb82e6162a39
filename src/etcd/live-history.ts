/**
 * History from a live etcd through etcdctl. etcd keeps every version of every key back to its compacted revision
 * but lists them only through a watch: a watch that starts in the past replays each change, deletions included.
 * A replay does not say when it has caught up, so the history is read up to a change known in advance: the key's
 * current version, or, for a key deleted since, the deletion, found by reading the key at each revision back from
 * now (many reads per etcdctl run, in one transaction) until it is there.
 * The compacted revision is what etcd names when it cancels a watch that starts below it.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { EtcdctlError } from '../kube/errors.js';
import type { EtcdConnection } from './connect.js';
import { parseRangeResponse, type KeyValue } from './etcdctl-json.js';
import { foundByReads, MAX_TXN_OPS, readsAtRevisions } from './etcdctl-txn.js';
import { oldestReadable, type KeyHistorySource, type RevisionBounds } from './history-source.js';
import type { KeyValueSource } from './key-value-source.js';
import { keyArgument, liveKeyValueSource } from './live-source.js';
import { changeKind, LineSplitter, parseWatchResponse, type KeyChange } from './watch-json.js';

/** kube-apiserver's record of its compactions, outside the key prefix (field notes §3). */
export const COMPACT_REV_KEY = 'compact_rev_key';

const COMPACTED = /required revision has been compacted/;

export function isCompactedError(error: unknown): boolean {
  return error instanceof EtcdctlError && COMPACTED.test(error.stderr);
}

/** What kube-apiserver wrote when it last compacted: the revision, and (as the key's version) how many times it has. */
export interface CompactionRecord {
  readonly revision: number;
  readonly compactions: number;
}

/** The current revision, from the header of a read of one small key. */
export async function currentRevision(connection: EtcdConnection, signal?: AbortSignal): Promise<number> {
  const { stdout } = await connection.etcdctl(['get', '-w', 'json', '--keys-only', COMPACT_REV_KEY], signal ? { signal } : {});
  return parseRangeResponse(stdout.toString('utf8')).header.revision;
}

/** The revision etcd compacted at (0 when it never did), as etcd itself reports it. */
export async function compactedRevision(connection: EtcdConnection, current: number, signal?: AbortSignal): Promise<number> {
  if (current <= 1) return 0;
  const options = signal ? { signal } : {};
  try {
    await connection.etcdctl(['get', '-w', 'json', '--keys-only', '--rev=1', COMPACT_REV_KEY], options);
    return 0;
  } catch (error) {
    if (!isCompactedError(error)) throw error;
  }
  // Revision 1 is gone, so this watch is canceled at once with the compacted revision, and etcdctl exits.
  let stdout: Buffer;
  try {
    ({ stdout } = await connection.etcdctl(['watch', '-w', 'json', '--rev=1', COMPACT_REV_KEY], options));
  } catch (error) {
    if (!(error instanceof EtcdctlError)) throw error;
    stdout = error.stdout;
  }
  for (const line of new LineSplitter().push(Buffer.concat([stdout, Buffer.from('\n')]))) {
    const compactedAt = parseWatchResponse(line).compactedAt;
    if (compactedAt !== undefined) return compactedAt;
  }
  throw new UserError('etcd refused to read revision 1 as compacted but did not name its compacted revision', ExitCode.error);
}

export async function readRevisions(connection: EtcdConnection, signal?: AbortSignal): Promise<RevisionBounds> {
  const current = await currentRevision(connection, signal);
  return { current, compacted: await compactedRevision(connection, current, signal) };
}

/** The key at a revision, or undefined where it did not exist. */
export async function readKeyAt(source: KeyValueSource, key: Buffer, revision: number, signal?: AbortSignal): Promise<KeyValue | undefined> {
  for await (const page of source.range({ key, revision }, { pageSize: 1, ...(signal ? { signal } : {}) })) {
    if (page.kvs[0] !== undefined) return page.kvs[0];
  }
  return undefined;
}

/** The newest revision in [from, to] at which `key` existed; undefined when it existed at none of them. */
export async function lastRevisionPresent(connection: EtcdConnection, key: Buffer, from: number, to: number, signal?: AbortSignal): Promise<number | undefined> {
  for (let high = to; high >= from; high -= MAX_TXN_OPS) {
    const revisions: number[] = [];
    for (let revision = high; revision >= Math.max(from, high - MAX_TXN_OPS + 1); revision--) revisions.push(revision);
    const { stdout } = await connection.etcdctl(['txn', '-w', 'json'], { stdin: readsAtRevisions(key, revisions), ...(signal ? { signal } : {}) });
    const found = foundByReads(stdout.toString('utf8')).indexOf(true);
    if (found >= 0) return revisions[found];
  }
  return undefined;
}

function compactedMeanwhile(compactedAt: number): UserError {
  return new UserError(`etcd compacted its history up to revision ${compactedAt} while it was being read`, ExitCode.error, 'run the command again');
}

/** The changes of `key` from revision `from` on, replayed by a watch and cut off once the change at `last` arrived. */
export async function replayChanges(connection: EtcdConnection, key: Buffer, from: number, last: number, signal?: AbortSignal): Promise<KeyChange[]> {
  const changes: KeyChange[] = [];
  const lines = new LineSplitter();
  const done = new AbortController();
  let compactedAt: number | undefined;
  const onStdout = (chunk: Buffer) => {
    for (const line of lines.push(chunk)) {
      const response = parseWatchResponse(line);
      compactedAt ??= response.compactedAt;
      changes.push(...response.changes.filter((c) => c.revision <= last));
      if (compactedAt !== undefined || response.changes.some((c) => c.revision >= last)) done.abort();
    }
  };
  const args = ['watch', '-w', 'json', `--rev=${from}`, watchKeyArgument(key)];
  try {
    await connection.etcdctl(args, { signal: signal ? AbortSignal.any([signal, done.signal]) : done.signal, onStdout });
  } catch (error) {
    if (!done.signal.aborted || signal?.aborted === true) throw error;
  }
  if (compactedAt !== undefined) throw compactedMeanwhile(compactedAt);
  if (!done.signal.aborted) throw new UserError(`the watch replaying the history of ${key.toString('utf8')} ended before revision ${last}`, ExitCode.error);
  return changes;
}

/**
 * A key as the argument of `etcdctl watch`, which cannot be preceded by `--` (after `--` come a command to run per
 * event), so it must not look like a flag.
 */
export function watchKeyArgument(key: Buffer): string {
  const text = keyArgument(key, 'key');
  if (text.startsWith('-')) throw new UserError(`etcdctl cannot watch a key that starts with "-" (${text})`, ExitCode.usage);
  return text;
}

/** Every version of `key` etcd holds, oldest first (see KeyHistorySource.keyHistory). */
export async function liveKeyHistory(connection: EtcdConnection, source: KeyValueSource, key: Buffer, bounds: RevisionBounds, signal?: AbortSignal): Promise<KeyChange[]> {
  const now = await readKeyAt(source, key, bounds.current, signal);
  let last = now?.modRevision;
  if (last === undefined) {
    const present = await lastRevisionPresent(connection, key, oldestReadable(bounds), bounds.current, signal);
    if (present === undefined) return [];
    last = present + 1;
  }
  const boundary = bounds.compacted > 0 ? await readKeyAt(source, key, bounds.compacted, signal) : undefined;
  const held: KeyChange[] = boundary ? [{ kind: changeKind(false, boundary), revision: boundary.modRevision, kv: boundary }] : [];
  if (last <= bounds.compacted) return held;
  return [...held, ...(await replayChanges(connection, key, bounds.compacted + 1, last, signal))];
}

export function liveHistorySource(connection: EtcdConnection): KeyHistorySource {
  const source = liveKeyValueSource(connection);
  return {
    description: source.description,
    reads: source.reads,
    range: (request, options) => source.range(request, options),
    close: () => source.close(),
    revisions: (signal) => readRevisions(connection, signal),
    keyHistory: (key, bounds, signal) => liveKeyHistory(connection, source, key, bounds, signal),
  };
}
