/**
 * Every subcommand, by the words that run it, its module loaded only when wanted: a run loads and sets up the one
 * command it names, so the other commands' modules (and all they import) are never evaluated; help, a typo or no
 * command at all loads them all. The order is the one help lists them in.
 */
import type { CommandModule } from 'yargs';

export type AnyCommand = CommandModule<object, never>;

export interface CommandEntry {
  /** The first word of the module's command string, then its aliases (the tests hold the two together). */
  readonly names: readonly string[];
  readonly load: () => Promise<AnyCommand>;
}

function entry(names: readonly string[], load: () => Promise<unknown>): CommandEntry {
  return { names, load: load as () => Promise<AnyCommand> };
}

export const commandEntries: readonly CommandEntry[] = [
  entry(['decode'], async () => (await import('./decode.js')).decodeCommand),
  entry(['encode'], async () => (await import('./encode.js')).encodeCommand),
  entry(['get'], async () => (await import('./get.js')).getCommand),
  entry(['member'], async () => (await import('./member.js')).memberCommand),
  entry(['endpoint'], async () => (await import('./endpoint.js')).endpointCommand),
  entry(['ls'], async () => (await import('./ls.js')).lsCommand),
  entry(['put'], async () => (await import('./put.js')).putCommand),
  entry(['del'], async () => (await import('./del.js')).delCommand),
  entry(['etcdctl'], async () => (await import('./etcdctl.js')).etcdctlCommand),
  entry(['snapshot'], async () => (await import('./snapshot.js')).snapshotCommand),
  entry(['version'], async () => (await import('./version.js')).versionCommand),
  entry(['watch'], async () => (await import('./watch.js')).watchCommand),
  entry(['history'], async () => (await import('./history.js')).historyCommand),
  entry(['diff'], async () => (await import('./diff.js')).diffCommand),
  entry(['stats', 'du'], async () => (await import('./stats.js')).statsCommand),
  entry(['compaction'], async () => (await import('./compaction.js')).compactionCommand),
  entry(['completion'], async () => (await import('./completion.js')).completionCommand),
  entry(['__complete'], async () => (await import('./completion.js')).completeCommand),
];

/** The words that run a command module: its command string's first word, then its aliases. */
export function namesOf(module: AnyCommand): string[] {
  const command = Array.isArray(module.command) ? module.command : [module.command];
  const aliases = module.aliases === undefined ? [] : Array.isArray(module.aliases) ? module.aliases : [module.aliases];
  return [...command.map((text) => String(text).split(' ')[0] as string), ...aliases.map(String)];
}

/** The command `word` names, alone; every command when it names none. */
export function loadCommands(word?: string): Promise<AnyCommand[]> {
  const named = word === undefined ? undefined : commandEntries.find((command) => command.names.includes(word));
  return Promise.all((named ? [named] : commandEntries).map((command) => command.load()));
}
