/**
 * `kubectl etcd watch KEY|RESOURCE`: changes as etcd makes them, decoded, until Ctrl-C. Survives a dropped exec
 * stream by resuming at the revision after the last change printed.
 */
import type { Argv, CommandModule } from 'yargs';
import type { WatchFormat } from '../render/watch-printers.js';
import { withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { checkRevision, readKeyRing, targetRequest, withObjectOptions, type ObjectArgs } from './object-options.js';

// A mirror of render/watch-printers.ts's formats, so yargs can describe them without loading that module.
const watchFormats: readonly WatchFormat[] = ['table', 'yaml', 'json'];

interface WatchArgs extends ClusterArgs, ObjectArgs {
  prefix?: boolean;
  rev?: number;
  output: WatchFormat;
  diff?: boolean;
}

async function watch(args: WatchArgs): Promise<void> {
  const keyRing = await readKeyRing(args);
  await withEtcd(args, async (connection, signal) => {
    const [{ liveKeyValueSource }, { resolveKeyTarget }, { currentRevision }, { watchChanges }, { watchEvent }, { watchPrinter }, { useColour }] = await Promise.all([
      import('../etcd/live-source.js'), import('../etcd/resource-target.js'), import('../etcd/live-history.js'), import('../etcd/watch-stream.js'),
      import('../etcd/watch-events.js'), import('../render/watch-printers.js'), import('../render/colour.js'),
    ]);
    const target = await resolveKeyTarget(liveKeyValueSource(connection), connection.keyPrefix, targetRequest(args), { signal });
    const fromRevision = args.rev ?? (await currentRevision(connection, signal)) + 1;
    const objects = args.output !== 'table';
    const printer = watchPrinter(args.output, useColour(args.color, process.stdout));
    const eventOptions = { keyPrefix: connection.keyPrefix, objects, diff: args.diff === true, ...(keyRing ? { keyRing } : {}) };
    process.stderr.write(`watching ${target.what} from revision ${fromRevision}; Ctrl-C stops\n`);
    await watchChanges(connection, { key: Buffer.from(target.key), prefix: !target.exact, fromRevision, prevKv: objects || args.diff === true }, {
      changes: async (changes) => {
        const received = new Date();
        await writeStdout(changes.map((change) => printer.event(watchEvent(change, received, eventOptions))).join(''));
      },
      resuming: (from, reason) => process.stderr.write(`watch: the stream dropped (${reason}); resuming at revision ${from}\n`),
    }, signal);
  });
}

export const watchCommand: CommandModule<object, WatchArgs> = {
  command: 'watch <target> [name]',
  describe: 'Print changes to keys or objects as etcd makes them (ADDED, MODIFIED, DELETED), decoded',
  builder: (yargs: Argv) => withClusterOptions(withObjectOptions(yargs, 'a key (/registry/...), or a resource type as kubectl names it (deploy, pods, deploy/NAME)')
    .option('prefix', { type: 'boolean', describe: 'watch every key that starts with the given key' })
    .option('rev', { type: 'number', describe: 'start at this revision (default: the next one); older changes are replayed from etcd\'s history' })
    .option('output', { alias: 'o', choices: watchFormats, default: 'table' as WatchFormat, describe: 'a table row per change, or one YAML or JSON document per change' })
    .option('diff', { type: 'boolean', describe: 'show what each modification changed, as a unified diff of the YAML' })
    .example('kubectl etcd watch deploy -n shop --diff', 'Deployments in namespace shop as they change, with diffs')
    .example('kubectl etcd watch /registry/ --prefix -o json', 'every change in the cluster, one JSON document each')) as unknown as Argv<WatchArgs>,
  handler: async (args) => {
    checkRevision(args.rev);
    try {
      await watch(args);
    } catch (error) {
      // Ctrl-C is how a watch ends: no error message, everything received is printed, exit status 130.
      if (!(error instanceof UserError && error.exitCode === ExitCode.interrupted)) throw error;
      process.exitCode = ExitCode.interrupted;
    }
  },
};
