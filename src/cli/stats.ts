/**
 * `kubectl etcd stats` (alias `du`): what takes the space in etcd, per resource type and namespace, the largest
 * values, and each member's database file with what a defrag would reclaim.
 */
import type { Argv, CommandModule } from 'yargs';
import type { StatsFormat } from '../render/stats-printers.js';
import type { KeySizeSource } from '../etcd/key-sizes.js';
import type { MemberSpace } from '../etcd/member-space.js';
import { withEtcd } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { withKeyValueSource, withSourceOptions, type SourceArgs } from './source-options.js';

// A mirror of render/stats-printers.ts's formats, so yargs can describe them without loading that module.
const statsFormats: readonly StatsFormat[] = ['table', 'json'];

interface StatsArgs extends SourceArgs {
  prefix?: string;
  top: number;
  output: StatsFormat;
}

export const statsCommand: CommandModule<object, StatsArgs> = {
  command: 'stats [prefix]',
  aliases: ['du'],
  describe: 'Show what takes the space: keys and bytes per resource type and namespace, the largest values, and per member the database size and what a defrag would reclaim',
  builder: (yargs: Argv) => withSourceOptions(yargs
    .positional('prefix', { type: 'string', describe: 'count only keys under this prefix (default: the whole keyspace)' })
    .option('top', { type: 'number', default: 10, describe: 'how many of the largest values to list' })
    .option('output', { alias: 'o', choices: statsFormats, default: 'table' as StatsFormat, describe: 'tables with a bar per row, or every exact figure as JSON' })
    .example('kubectl etcd stats', 'the whole keyspace')
    .example('kubectl etcd du /registry/events/ -o json', 'the space events take, for a script')) as unknown as Argv<StatsArgs>,
  handler: async (args) => {
    if (!(Number.isInteger(args.top) && args.top >= 0)) throw new UserError(`--top must be a whole number, not ${args.top}`, ExitCode.usage);
    const report = async (sizes: KeySizeSource, keyPrefix: string, readMembers: (signal: AbortSignal) => Promise<readonly MemberSpace[]>, signal: AbortSignal) => {
      const [{ tallyKeyspace }, printers, { toKubectlJson }] = await Promise.all([
        import('../etcd/keyspace-stats.js'), import('../render/stats-printers.js'), import('../render/json.js'),
      ]);
      const [stats, spaces] = await Promise.all([
        tallyKeyspace(sizes, keyPrefix, { ...(args.prefix !== undefined ? { prefix: args.prefix } : {}), top: args.top }, signal),
        readMembers(signal),
      ]);
      if (stats.total.objects === 0 && args.prefix !== undefined) throw new UserError(`no keys under ${args.prefix}`, ExitCode.error);
      await writeStdout(args.output === 'json' ? toKubectlJson(printers.statsDocument(stats, spaces)) : printers.statsTable(stats, spaces));
    };
    const { snapshot } = args;
    // Offline, the snapshot file stands in for the members' database files.
    if (snapshot !== undefined) {
      await withKeyValueSource(args, async (source, keyPrefix, signal) => {
        const [{ keySizesOf }, { snapshotSpace }] = await Promise.all([import('../etcd/key-sizes.js'), import('../etcd/snapshot-space.js')]);
        await report(keySizesOf(source), keyPrefix, async () => [snapshotSpace(snapshot)], signal);
      });
      return;
    }
    await withEtcd(args, async (connection, signal) => {
      const [{ liveKeySizes }, { readMemberSpace }] = await Promise.all([import('../etcd/live-key-sizes.js'), import('../etcd/member-space.js')]);
      await report(liveKeySizes(connection), connection.keyPrefix, (signal) => readMemberSpace(connection, signal), signal);
    });
  },
};
