/** `kubectl etcd compaction`: how far back etcd's history reaches, and what kube-apiserver recorded of its compactions. */
import type { Argv, CommandModule } from 'yargs';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { writeStdout } from './io.js';

const formats = ['text', 'json'] as const;

interface CompactionArgs extends ClusterArgs {
  output: (typeof formats)[number];
}

export const compactionCommand: CommandModule<object, CompactionArgs> = {
  command: 'compaction',
  describe: "Show the current revision, the compacted revision, and how far back history (get --rev, history, diff) reaches",
  builder: (yargs: Argv) => withClusterOptions(yargs
    .option('output', { alias: 'o', choices: formats, default: 'text' as CompactionArgs['output'], describe: 'output format' })) as unknown as Argv<CompactionArgs>,
  handler: async (args) => {
    await withEtcd(args, async (connection, signal) => {
      const [{ liveHistorySource }, { readCompactionInfo }, { compactionText, compactionDocument }, { toKubectlJson }] = await Promise.all([
        import('../etcd/live-history.js'), import('../etcd/compaction-info.js'), import('../render/compaction-printers.js'), import('../render/json.js'),
      ]);
      const info = await readCompactionInfo(liveHistorySource(connection), signal);
      await writeStdout(args.output === 'json' ? toKubectlJson(compactionDocument(info)) : compactionText(info));
    });
  },
};
