/**
 * Where the reading commands (get, ls, and later history, diff, stats) take keys from: the live cluster, or with
 * --snapshot FILE a snapshot file or a member's `member/snap/db`, read offline with no cluster at all.
 */
import type { Argv } from 'yargs';
import type { KeyValueSource } from '../etcd/key-value-source.js';
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

/** Runs `work` over the snapshot file; Ctrl-C stops it between pages (exit status 130). */
async function withSnapshot<T>(args: SourceArgs & { snapshot: string }, work: (source: KeyValueSource, keyPrefix: string, signal: AbortSignal) => Promise<T>): Promise<T> {
  const { openSnapshotSource } = await import('../etcd/snapshot-source.js');
  const source = openSnapshotSource(args.snapshot);
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

/** Runs `work` over the snapshot named by --snapshot, or over the live cluster (connection closed afterwards). */
export async function withKeyValueSource<T>(args: SourceArgs, work: (source: KeyValueSource, keyPrefix: string, signal: AbortSignal) => Promise<T>): Promise<T> {
  const { snapshot } = args;
  if (snapshot !== undefined) return withSnapshot({ ...args, snapshot }, work);
  return withEtcd(args, async (connection, signal) => {
    const { liveKeyValueSource } = await import('../etcd/live-source.js');
    return work(liveKeyValueSource(connection), connection.keyPrefix, signal);
  });
}
