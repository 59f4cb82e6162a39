/** `kubectl etcd diff KEY|TYPE/NAME --rev A [--rev B]`: one object at two revisions, as a unified diff of its YAML. */
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { checkRevision, readKeyRing, targetRequest, withObjectOptions, type ObjectArgs } from './object-options.js';
import { withHistorySource, withSourceOptions, type SourceArgs } from './source-options.js';

interface DiffArgs extends SourceArgs, ObjectArgs {
  rev: number[];
}

export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <target> [name]',
  describe: 'Compare one object at two revisions (the second defaults to now), as a unified diff of the decoded YAML',
  builder: (yargs: Argv) => withSourceOptions(withObjectOptions(yargs, 'a key (/registry/...), or one object as kubectl names it (deploy/NAME, or TYPE NAME)')
    .option('rev', { type: 'number', array: true, demandOption: true, describe: 'the revision to compare from; a second --rev, the one to compare to (default: the current revision)' })
    .example('kubectl etcd diff deploy/web -n shop --rev 1200', 'what changed in a Deployment since revision 1200')
    .example('kubectl etcd diff /registry/configmaps/default/app --rev 1200 --rev 1250', 'between two revisions')) as unknown as Argv<DiffArgs>,
  handler: async (args) => {
    if (args.rev.length > 2) throw new UserError(`--rev is given ${args.rev.length} times: give one or two revisions`, ExitCode.usage);
    for (const revision of args.rev) checkRevision(revision);
    const keyRing = await readKeyRing(args);
    process.exitCode = await withHistorySource(args, async (source, keyPrefix, signal) => {
      const [{ resolveOneKey }, { diffRevisions }, { useColour, colourDiff }] = await Promise.all([
        import('../etcd/resource-target.js'), import('../etcd/revision-diff.js'), import('../render/colour.js'),
      ]);
      const target = await resolveOneKey(source, keyPrefix, targetRequest(args), { signal });
      const [before, after] = args.rev as [number, number | undefined];
      const options = { keyPrefix, ...(keyRing ? { keyRing } : {}) };
      const result = await diffRevisions(source, target.key, { before, ...(after !== undefined ? { after } : {}) }, options, signal);
      if (result.diff === '') process.stderr.write(`${target.what} is the same at revisions ${result.before} and ${result.after}\n`);
      else await writeStdout(useColour(args.color, process.stdout) ? colourDiff(result.diff) : result.diff);
      return result.incomplete > 0 ? ExitCode.partial : ExitCode.ok;
    });
  },
};
