/**
 * The command line: `kubectl etcd <command>`. kubectl hands a plugin its arguments unchanged (global flags such as
 * --kubeconfig and --context come after the plugin name), so every flag is parsed here.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { compactionCommand } from './compaction.js';
import { completeCommand, completionCommand } from './completion.js';
import { decodeCommand } from './decode.js';
import { delCommand } from './del.js';
import { diffCommand } from './diff.js';
import { encodeCommand } from './encode.js';
import { endpointCommand } from './endpoint.js';
import { etcdctlCommand } from './etcdctl.js';
import { ExitCode, UserError } from './exit-codes.js';
import { getCommand } from './get.js';
import { historyCommand } from './history.js';
import { lsCommand } from './ls.js';
import { memberCommand } from './member.js';
import { putCommand } from './put.js';
import { snapshotCommand } from './snapshot.js';
import { statsCommand } from './stats.js';
import { versionCommand } from './version.js';
import { watchCommand } from './watch.js';

/** Subcommands, one module each; a module imports what it needs for its work only when it runs. */
export const commands: ReadonlyArray<CommandModule<object, never>> = [
  decodeCommand as CommandModule<object, never>,
  encodeCommand as CommandModule<object, never>,
  getCommand as CommandModule<object, never>,
  memberCommand as CommandModule<object, never>,
  endpointCommand as CommandModule<object, never>,
  lsCommand as CommandModule<object, never>,
  putCommand as CommandModule<object, never>,
  delCommand as CommandModule<object, never>,
  etcdctlCommand as CommandModule<object, never>,
  snapshotCommand as CommandModule<object, never>,
  versionCommand as CommandModule<object, never>,
  watchCommand as CommandModule<object, never>,
  historyCommand as CommandModule<object, never>,
  diffCommand as CommandModule<object, never>,
  statsCommand as CommandModule<object, never>,
  compactionCommand as CommandModule<object, never>,
  completionCommand as CommandModule<object, never>,
  completeCommand as CommandModule<object, never>,
];

class UsageError extends Error {}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\nSee 'kubectl etcd --help' for usage.\n`);
    return ExitCode.usage;
  }
  if (error instanceof UserError) {
    process.stderr.write(`error: ${error.message}\n${error.hint !== undefined ? `hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const detail = process.env.KUBECTL_ETCD_DEBUG ? (error as Error).stack : (error as Error).message;
  process.stderr.write(`error: ${detail ?? String(error)}\n`);
  return ExitCode.error;
}

/**
 * The parser with every command registered. Built once; the start-up snapshot builds it ahead of time, so a run
 * only parses.
 */
export function createCli(): Argv {
  return yargs()
    .scriptName('kubectl etcd')
    .usage('kubectl etcd: see and manage what a Kubernetes cluster keeps in etcd, decoded as kubectl would show it.\n\nUsage: kubectl etcd <command> [flags]')
    .command([...commands])
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(false)
    .epilog('Exit codes: 0 ok, 1 error, 2 usage, 3 some values undecodable or encrypted, 4 etcd unreachable, 5 forbidden (RBAC), 130 interrupted.')
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
}

/**
 * A reader that stops early (`kubectl etcd get ... | head`) closes the pipe: like kubectl, end quietly with what
 * was asked so far, not with a stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok);
  });
}

export async function main(args: readonly string[], cli: Argv = createCli()): Promise<number> {
  endQuietlyOnClosedPipe();
  try {
    await cli.wrap(Math.min(120, process.stdout.columns || 100)).parseAsync([...args]);
  } catch (error) {
    return report(error);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
}
