/**
 * `kubectl etcd del KEY [--prefix]`: deletes a key, or every key under a prefix after saying how many there are.
 * Only with --yes or after a confirmation on the terminal; the key travels as one argument, never through a shell.
 */
import type { Argv, CommandModule } from 'yargs';
import { isJsonObject } from '../codec/value.js';
import type { EtcdConnection } from '../etcd/connect.js';
import { parseRangeResponse } from '../etcd/etcdctl-json.js';
import { parseJsonExact } from '../render/json-parse.js';
import { confirmWrite, withClusterOptions, withEtcd, withWriteOptions, type ClusterArgs, type WriteArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';

interface DelArgs extends ClusterArgs, WriteArgs {
  /** The key (not `key`: that is the client key flag). */
  target: string;
  prefix?: boolean;
}

function rangeFlags(prefix: boolean): string[] {
  return prefix ? ['--prefix'] : [];
}

/** How many keys the deletion would remove: etcd counts the whole range even when one key is returned. */
async function countKeys(connection: EtcdConnection, key: string, prefix: boolean, signal: AbortSignal): Promise<number> {
  const { stdout } = await connection.etcdctl(['get', '-w', 'json', '--keys-only', '--limit=1', ...rangeFlags(prefix), '--', key], { signal });
  return parseRangeResponse(stdout.toString('utf8')).count;
}

function deletedCount(response: Buffer): number {
  const parsed = parseJsonExact(response.toString('utf8'));
  const deleted = isJsonObject(parsed) ? parsed['deleted'] : undefined;
  return typeof deleted === 'number' ? deleted : 0;
}

export const delCommand: CommandModule<object, DelArgs> = {
  command: 'del <target>',
  describe: 'Delete a key, or every key under a prefix (asks first, and says how many)',
  builder: (yargs: Argv) => withWriteOptions(withClusterOptions(yargs
    .positional('target', { type: 'string', demandOption: true, describe: 'the key, or the prefix with --prefix' })
    .option('prefix', { type: 'boolean', describe: 'delete every key that starts with KEY' })
    .example('kubectl etcd del /registry/pods/shop/stuck-pod', 'remove one object the API server cannot delete')
    .example('kubectl etcd del /registry/events/ --prefix --yes', 'remove every Event, without asking'))) as unknown as Argv<DelArgs>,
  handler: async (args) => {
    const prefix = args.prefix === true;
    if (prefix && args.target === '') throw new UserError('refusing to delete the whole keyspace (an empty prefix)', ExitCode.usage);
    await withEtcd(args, async (connection, signal) => {
      const count = await countKeys(connection, args.target, prefix, signal);
      if (count === 0) throw new UserError(prefix ? `no keys under ${args.target}` : `key ${args.target} not found`, ExitCode.error);
      const what = prefix ? `delete ${count} key${count === 1 ? '' : 's'} under ${args.target}` : `delete ${args.target}`;
      if (count > 1) process.stderr.write(`${count} keys start with ${args.target}\n`);
      await confirmWrite(args, what);
      const { stdout } = await connection.etcdctl(['del', '-w', 'json', ...rangeFlags(prefix), '--', args.target], { signal });
      const deleted = deletedCount(stdout);
      await writeStdout(`deleted ${deleted} key${deleted === 1 ? '' : 's'}\n`);
    });
  },
};
