/**
 * `kubectl etcd snapshot save|status|restore`: back up a live member to this machine, check a backup, and print the
 * restore plan for the cluster in hand. The work modules load only when a subcommand runs.
 */
import type { Argv, CommandModule } from 'yargs';
import { askOnTerminal, connectOptions, withClusterOptions, withEtcd, type ClusterArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';

/** Mirrors kube/helper-pod.ts's default, so yargs can show it without loading that module. */
const DEFAULT_HELPER_IMAGE = 'busybox:1.37';
const statusFormats = ['table', 'json'] as const;
type StatusFormat = (typeof statusFormats)[number];

interface SaveArgs extends ClusterArgs {
  file: string;
  'helper-pod'?: boolean;
  'helper-image': string;
  'pod-dir'?: string;
}

interface StatusArgs {
  file: string;
  output: StatusFormat;
}

interface RestoreArgs extends ClusterArgs {
  file: string;
  'restore-dir'?: string;
}

/**
 * Ctrl-C once: stop the transfer, clean up (pod file, helper pod, temporary file), exit 130. Twice: stop everything
 * at once; what could not be removed is named.
 */
function interruptibly(): { stop: AbortController; hard: AbortController; release: () => void } {
  const stop = new AbortController();
  const hard = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      process.stderr.write('\ninterrupted: cleaning up (Ctrl-C again to stop at once)\n');
    } else hard.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stop,
    hard,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function save(args: SaveArgs): Promise<void> {
  const { saveSnapshot } = await import('../etcd/snapshot-save.js');
  const { humanBytes } = await import('../render/tree.js');
  const { stop, hard, release } = interruptibly();
  try {
    const report = await saveSnapshot({
      file: args.file,
      connect: connectOptions(args, hard.signal),
      stop: stop.signal,
      helper: {
        allowed: args['helper-pod'] ?? (process.stdin.isTTY === true ? undefined : false),
        image: args['helper-image'],
        ask: askOnTerminal,
      },
      ...(args['pod-dir'] !== undefined ? { podDir: args['pod-dir'] } : {}),
      progress: process.stderr,
      note: (line) => process.stderr.write(`${line}\n`),
    });
    await writeStdout(
      `Snapshot saved at ${report.file}: ${humanBytes(report.bytes)}, revision ${report.revision} ` +
        `(sha256 trailer and database integrity verified); member ${report.member}, copied by ${report.route}\n`,
    );
  } catch (error) {
    if (stop.signal.aborted) throw new UserError('interrupted: no snapshot was written', ExitCode.interrupted);
    throw error;
  } finally {
    release();
  }
}

async function status(args: StatusArgs): Promise<void> {
  const { readSnapshotFacts, statusTable, statusJson } = await import('../etcd/snapshot-facts.js');
  const facts = await readSnapshotFacts(args.file);
  await writeStdout(args.output === 'json' ? statusJson(facts) : statusTable(facts));
}

async function restore(args: RestoreArgs): Promise<void> {
  const [{ readSnapshotFacts }, { gatherRestoreFacts }, { restorePlan }] = await Promise.all([
    import('../etcd/snapshot-facts.js'), import('../etcd/restore-facts.js'), import('../etcd/restore-plan.js'),
  ]);
  const snapshot = await readSnapshotFacts(args.file);
  const plan = await withEtcd(args, async (connection, signal) => restorePlan(snapshot, await gatherRestoreFacts(connection, args, signal), args['restore-dir']));
  await writeStdout(plan);
}

const saveCommand: CommandModule<object, SaveArgs> = {
  command: 'save <file>',
  describe: 'Save a consistent snapshot of the live etcd to FILE on this machine, verified',
  builder: (yargs: Argv) => withClusterOptions(yargs
    .positional('file', { type: 'string', demandOption: true, describe: 'where to write the snapshot; it appears only once complete and verified' })
    .option('helper-pod', { type: 'boolean', describe: 'when the etcd image has no cat (distroless), copy the file out through a short-lived pod on the etcd node, deleted afterwards (asked on a terminal)' })
    .option('helper-image', { type: 'string', default: DEFAULT_HELPER_IMAGE, describe: 'image of the helper pod: any with cat, rm and sleep' })
    .option('pod-dir', { type: 'string', describe: 'directory inside the etcd container, on a hostPath volume, for the pod-side file (default: etcd\'s data directory)' })
    .example('kubectl etcd snapshot save backup.db', 'back up the cluster\'s etcd')
    .example('kubectl etcd snapshot save backup.db --helper-pod --helper-image registry.local/busybox:1.37', 'distroless etcd image, air-gapped cluster')) as unknown as Argv<SaveArgs>,
  handler: save,
};

const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status <file>',
  describe: 'Revision, keys, size and hash of a snapshot file (the numbers of etcdctl snapshot status), offline',
  builder: (yargs: Argv) => yargs
    .positional('file', { type: 'string', demandOption: true, describe: 'a snapshot file or a member\'s member/snap/db' })
    .option('output', { alias: 'o', choices: statusFormats, default: 'table' as StatusFormat, describe: 'output format' }) as unknown as Argv<StatusArgs>,
  handler: status,
};

const restoreCommand: CommandModule<object, RestoreArgs> = {
  command: 'restore <file>',
  describe: 'Print the restore plan for this cluster: the exact commands and paths; changes nothing',
  builder: (yargs: Argv) => withClusterOptions(yargs
    .positional('file', { type: 'string', demandOption: true, describe: 'the snapshot to restore' })
    .option('restore-dir', { type: 'string', describe: 'node directory to restore into (default: next to the data directory)' })) as unknown as Argv<RestoreArgs>,
  handler: restore,
};

export const snapshotCommand: CommandModule<object, object> = {
  command: 'snapshot <command>',
  describe: 'Save a snapshot of the live etcd, check one, or print how to restore one',
  builder: (yargs: Argv) => yargs
    .command(saveCommand as CommandModule<object, never>)
    .command(statusCommand as CommandModule<object, never>)
    .command(restoreCommand as CommandModule<object, never>)
    .demandCommand(1, 'name a snapshot command: save, status or restore'),
  handler: () => undefined,
};
