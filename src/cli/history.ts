/** `kubectl etcd history KEY|TYPE/NAME`: every version of one key that etcd still holds, with diffs. */
import type { Argv, CommandModule } from 'yargs';
import type { HistoryFormat } from '../render/history-printers.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { readKeyRing, targetRequest, withObjectOptions, type ObjectArgs } from './object-options.js';
import { withHistorySource, withSourceOptions, type SourceArgs } from './source-options.js';

// A mirror of render/history-printers.ts's formats, so yargs can describe them without loading that module.
const historyFormats: readonly HistoryFormat[] = ['table', 'yaml', 'json'];

interface HistoryArgs extends SourceArgs, ObjectArgs {
  output: HistoryFormat;
  diff?: boolean;
}

export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history <target> [name]',
  describe: 'List every version of one key that etcd still holds (updates, deletion, re-creation), with diffs',
  builder: (yargs: Argv) => withSourceOptions(withObjectOptions(yargs, 'a key (/registry/...), or one object as kubectl names it (deploy/NAME, or TYPE NAME)')
    .option('output', { alias: 'o', choices: historyFormats, default: 'table' as HistoryFormat, describe: 'a table of versions, or every version decoded as one YAML or JSON document' })
    .option('diff', { type: 'boolean', describe: 'show what changed from each version to the next, as a unified diff of the YAML' })
    .example('kubectl etcd history deploy/web -n shop --diff', 'how a Deployment changed, version by version')
    .example('kubectl etcd history /registry/configmaps/default/app -o yaml', 'every version of a key, decoded')) as unknown as Argv<HistoryArgs>,
  handler: async (args) => {
    const keyRing = await readKeyRing(args);
    process.exitCode = await withHistorySource(args, async (source, keyPrefix, signal) => {
      const [{ resolveOneKey }, { readKeyHistory }, printers, { useColour }, { formatObject }] = await Promise.all([
        import('../etcd/resource-target.js'), import('../etcd/key-history.js'),
        import('../render/history-printers.js'), import('../render/colour.js'), import('../render/output.js'),
      ]);
      const target = await resolveOneKey(source, keyPrefix, targetRequest(args), { signal });
      const options = { keyPrefix, diff: args.diff === true, ...(keyRing ? { keyRing } : {}) };
      const history = await readKeyHistory(source, target.key, options, signal);
      if (history.versions.length === 0) {
        throw new UserError(`${target.what} has no version in etcd's history (revisions ${Math.max(1, history.bounds.compacted)} to ${history.bounds.current})`, ExitCode.error);
      }
      await writeStdout(args.output === 'table'
        ? printers.historyTable(history, useColour(args.color, process.stdout))
        : formatObject(printers.historyDocument(history), args.output));
      return history.incomplete > 0 ? ExitCode.partial : ExitCode.ok;
    });
  },
};
