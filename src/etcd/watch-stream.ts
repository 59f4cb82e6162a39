/**
 * A watch that outlives its exec stream: `etcdctl watch -w json --rev=N` run in the etcd pod, its output read line
 * by line as it arrives. When the stream drops, the watch starts again at the revision after the last one it
 * handed on, so no change is lost and none is handed on twice; etcd's history makes that possible, until it is
 * compacted past that revision, which ends the watch with an error saying so.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { ClusterError, EtcdctlError } from '../kube/errors.js';
import type { EtcdConnection } from './connect.js';
import { isCompactedError, watchKeyArgument } from './live-history.js';
import { LineSplitter, parseWatchResponse, type KeyChange, type WatchResponse } from './watch-json.js';

export interface WatchRequest {
  readonly key: Buffer;
  /** Every key that starts with `key`. */
  readonly prefix: boolean;
  /** The first revision whose changes are wanted. */
  readonly fromRevision: number;
  /** Ask etcd for each change's previous value too (for diffs, and for what a deletion removed). */
  readonly prevKv: boolean;
}

export interface WatchHandlers {
  /** One response's changes, in revision order; the next response waits until the promise settles. */
  changes(changes: readonly KeyChange[]): Promise<void>;
  /** The stream dropped and the watch starts again at `fromRevision`. */
  resuming(fromRevision: number, reason: string): void;
}

/** How long to wait before each attempt to start again after a drop; past the last, the watch gives up. */
export const RESUME_DELAYS_MS: readonly number[] = [0, 250, 500, 1000, 2000, 4000, 5000, 5000];

export class WatchCompactedError extends UserError {
  /** `compactedAt` is undefined when etcdctl did not print the canceled response that names it. */
  constructor(readonly fromRevision: number, readonly compactedAt: number | undefined, resuming: boolean) {
    const what = resuming ? `cannot resume the watch at revision ${fromRevision}` : `cannot watch from revision ${fromRevision}`;
    super(
      compactedAt === undefined
        ? `${what}: etcd has compacted its history past it, so changes since then are gone`
        : `${what}: etcd has compacted its history up to revision ${compactedAt}, so the changes from ${fromRevision} to ${compactedAt} are gone`,
      ExitCode.error,
      'start a new watch (get shows the current state); kube-apiserver compacts every 5 minutes by default',
    );
    this.name = 'WatchCompactedError';
  }
}

export function watchArguments(request: WatchRequest, fromRevision: number): string[] {
  return [
    'watch', '-w', 'json', `--rev=${fromRevision}`,
    ...(request.prefix ? ['--prefix'] : []),
    ...(request.prevKv ? ['--prev-kv'] : []),
    watchKeyArgument(request.key),
  ];
}

/**
 * Where a watch stands: the revision it resumes from. Changes below it were handed on already and are dropped,
 * whatever a restarted stream sends.
 */
export class WatchPosition {
  /** Set once the watch starts again after a drop. */
  resuming = false;

  constructor(public next: number) {}

  /** The changes of a response not handed on yet; advances past them. */
  take(response: WatchResponse): KeyChange[] {
    if (response.compactedAt !== undefined) throw new WatchCompactedError(this.next, response.compactedAt, this.resuming);
    const fresh = response.changes.filter((change) => change.revision >= this.next);
    for (const change of fresh) this.next = Math.max(this.next, change.revision + 1);
    return fresh;
  }
}

/**
 * A drop worth starting again after: the stream was cut, the API server could not be reached for a moment, or etcd
 * canceled the watch for another reason than compaction (its member lost the leader).
 */
function isDrop(error: unknown): boolean {
  if (error instanceof EtcdctlError) return /canceled/.test(error.stderr);
  return error instanceof ClusterError && error.exitCode === ExitCode.unreachable;
}

/** Runs until `signal` aborts (then rejects with the interruption), etcd compacts past the watch, or resuming fails. */
export async function watchChanges(connection: EtcdConnection, request: WatchRequest, handlers: WatchHandlers, signal: AbortSignal): Promise<never> {
  const position = new WatchPosition(request.fromRevision);
  let failures = 0;
  for (;;) {
    const lines = new LineSplitter();
    let received = false;
    let reason: string;
    try {
      await connection.etcdctl(watchArguments(request, position.next), {
        signal,
        onStdout: async (chunk) => {
          for (const line of lines.push(chunk)) {
            received = true;
            const fresh = position.take(parseWatchResponse(line));
            if (fresh.length > 0) await handlers.changes(fresh);
          }
        },
      });
      reason = 'etcdctl watch ended';
    } catch (error) {
      if (signal.aborted || error instanceof WatchCompactedError) throw error;
      if (isCompactedError(error)) throw new WatchCompactedError(position.next, undefined, position.resuming);
      if (!isDrop(error)) throw error;
      reason = (error as Error).message;
    }
    failures = received ? 0 : failures + 1;
    const delay = RESUME_DELAYS_MS[failures];
    if (delay === undefined) throw new ClusterError(`the watch could not be resumed after ${failures} attempts (${reason})`, ExitCode.unreachable);
    handlers.resuming(position.next, reason);
    position.resuming = true;
    await sleep(delay, undefined, { signal });
  }
}
