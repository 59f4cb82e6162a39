/**
 * Where the reading commands (get, ls, history, diff, compaction, stats) take keys from: the live cluster, or with
 * --snapshot FILE a snapshot file or a member's `member/snap/db`, read offline with no cluster at all.
 */
import type { Argv } from 'yargs';
import type { EtcdConnection } from '../etcd/connect.js';
import type { KeyHistorySource } from '../etcd/history-source.js';
import type { KeyValueSource } from '../etcd/key-value-source.js';
import type { SnapshotSource } from '../etcd/snapshot-source.js';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';

export interface SourceArgs extends ClusterArgs {
  snapshot?: string;
}

export function withSourceOptions<T>(yargs: Argv<T>): Argv<T & SourceArgs> {
  return withClusterOptions(yargs)
    .option('snapshot', { type: 'string', describe: 'read this snapshot file (or a member\'s member/snap/db) instead of the cluster: no cluster needed' })
    .group(['snapshot'], 'Offline:') as Argv<T & SourceArgs>;
}

type SourceWork<S, T> = (source: S, keyPrefix: string, signal: AbortSignal) => Promise<T>;

/** Runs `work` over the snapshot file, opened by `open`; Ctrl-C stops it between pages (exit status 130). */
async function withSnapshot<S, T>(args: SourceArgs & { snapshot: string }, open: (path: string) => Promise<S & SnapshotSource>, work: SourceWork<S, T>): Promise<T> {
  const source = await open(args.snapshot);
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  process.once('SIGINT', onInterrupt);
  try {
    if (args.verbose === true) process.stderr.write(`reading ${source.description}\n`);
    return await work(source, args['etcd-prefix'] ?? source.keyPrefix(), interrupt.signal);
  } catch (error) {
    if (interrupt.signal.aborted) throw new UserError('interrupted', ExitCode.interrupted);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    await source.close();
  }
}

/** How a command opens its source: the snapshot file, or the live cluster over a connection. */
interface SourceOpeners<S> {
  readonly snapshot: (path: string) => Promise<S & SnapshotSource>;
  readonly live: (connection: EtcdConnection) => Promise<S>;
}

/** Runs `work` over the snapshot named by --snapshot, or over the live cluster (connection closed afterwards). */
async function withSource<S, T>(args: SourceArgs, open: SourceOpeners<S>, work: SourceWork<S, T>): Promise<T> {
  const { snapshot } = args;
  if (snapshot !== undefined) return withSnapshot({ ...args, snapshot }, open.snapshot, work);
  return withEtcd(args, async (connection, signal) => work(await open.live(connection), connection.keyPrefix, signal));
}

export function withKeyValueSource<T>(args: SourceArgs, work: SourceWork<KeyValueSource, T>): Promise<T> {
  return withSource(args, {
    snapshot: async (path) => (await import('../etcd/snapshot-source.js')).openSnapshotSource(path),
    live: async (connection) => (await import('../etcd/live-source.js')).liveKeyValueSource(connection),
  }, work);
}

/** As withKeyValueSource, for the commands that also read history (history, diff, compaction). */
export function withHistorySource<T>(args: SourceArgs, work: SourceWork<KeyHistorySource, T>): Promise<T> {
  return withSource(args, {
    snapshot: async (path) => (await import('../etcd/snapshot-history.js')).openSnapshotHistorySource(path),
    live: async (connection) => (await import('../etcd/live-history.js')).liveHistorySource(connection),
  }, work);
}
