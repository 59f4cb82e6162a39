/**
 * The command line: `kubectl etcd <command>`. kubectl hands a plugin its arguments unchanged (global flags such as
 * --kubeconfig and --context come after the plugin name), so every flag is parsed here.
 */
import yargs, { type Argv } from 'yargs';
import { loadCommands, type AnyCommand } from './commands.js';
import { restoreExtraCaVariable } from '../kube/extra-ca-certs.js';
import { ExitCode, UserError } from './exit-codes.js';
import { helpWidth } from './help-width.js';
import { stdoutKind } from './stdout-kind.js';

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

/** The parser, with the commands given (see loadCommands). */
export function createCli(commands: readonly AnyCommand[]): Argv {
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

/**
 * yargs lays out a command's whole help each time the command's handler starts, in case the handler fails and the
 * help is to be shown; here a failure is reported by report() without it, so that work (a good share of a short
 * run) is skipped. The hook is yargs' internal one; without it, nothing changes but the time.
 */
function skipHelpCaching(cli: Argv): Argv {
  const internals = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => undefined;
  return cli;
}

/** The terminal's width; a file, /dev/null or a pipe has none (and asking process.stdout would build its stream). */
function outputColumns(): number | undefined {
  return stdoutKind() === 'other' ? process.stdout.columns : undefined;
}

/** Runs the command line; `width` is the help's (the terminal's by default). Resolves to the exit status. */
export async function main(args: readonly string[], width = helpWidth(outputColumns())): Promise<number> {
  restoreExtraCaVariable();
  // Only a pipe can close on us; files and /dev/null are written without process.stdout's stream.
  if (stdoutKind() !== 'file' && stdoutKind() !== 'null') endQuietlyOnClosedPipe();
  try {
    await skipHelpCaching(createCli(await loadCommands(args[0]))).wrap(width).parseAsync([...args]);
  } catch (error) {
    return report(error);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
}
