/** `kubectl etcd compaction`: how far back etcd's history reaches, and what kube-apiserver recorded of its compactions. */
import type { Argv, CommandModule } from 'yargs';
import { writeStdout } from './io.js';
import { withHistorySource, withSourceOptions, type SourceArgs } from './source-options.js';

const formats = ['text', 'json'] as const;

interface CompactionArgs extends SourceArgs {
  output: (typeof formats)[number];
}

export const compactionCommand: CommandModule<object, CompactionArgs> = {
  command: 'compaction',
  describe: "Show the current revision, the compacted revision, and how far back history (get --rev, history, diff) reaches",
  builder: (yargs: Argv) => withSourceOptions(yargs
    .option('output', { alias: 'o', choices: formats, default: 'text' as CompactionArgs['output'], describe: 'output format' })) as unknown as Argv<CompactionArgs>,
  handler: async (args) => {
    await withHistorySource(args, async (source, _keyPrefix, signal) => {
      const [{ readCompactionInfo }, { compactionText, compactionDocument }, { toKubectlJson }] = await Promise.all([
        import('../etcd/compaction-info.js'), import('../render/compaction-printers.js'), import('../render/json.js'),
      ]);
      const info = await readCompactionInfo(source, signal);
      await writeStdout(args.output === 'json' ? toKubectlJson(compactionDocument(info)) : compactionText(info));
    });
  },
};
