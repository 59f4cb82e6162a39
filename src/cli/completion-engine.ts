/**
 * Shell completion: from the words typed after `kubectl etcd` (the last one being completed, possibly empty) to
 * candidates and a directive, in the terms of cobra's completion protocol that kubectl 1.26+ relays from a plugin's
 * kubectl_complete-<plugin> to the shell. Subcommands, flags and choices come from the command specs; values with
 * no fixed choices (resource names, keys, namespaces) from the sources, which may ask the cluster.
 */
import type { CommandSpec, OptionSpec } from './completion-spec.js';

/** cobra's ShellCompDirective bits (spf13/cobra completions.go). */
export const Directive = {
  default: 0,
  error: 1,
  noSpace: 2,
  noFileComp: 4,
  filterFileExt: 8,
  filterDirs: 16,
  keepOrder: 32,
} as const;

export interface Candidate {
  readonly value: string;
  readonly description?: string;
}

export interface Completion {
  readonly candidates: readonly Candidate[];
  /** Directive bits; 0 lets the shell fall back to file names when there is no candidate. */
  readonly directive: number;
}

/** What the words before the one being completed say. */
export interface CompletionContext {
  /** From the root to the command reached: `[root, get]`. */
  readonly path: readonly CommandSpec[];
  /** Flags given, by long name (last value wins; true for a flag without value). */
  readonly flags: Readonly<Record<string, string | true>>;
  /** The positional words given to the command reached. */
  readonly positionals: readonly string[];
  /** The word being completed. */
  readonly current: string;
}

/** Values for a positional or a flag that has no fixed choices; undefined leaves the shell to complete file names. */
export type ValueSource = (name: string, context: CompletionContext) => Promise<Completion | undefined>;

export const noCompletion: Completion = { candidates: [], directive: Directive.noFileComp };

export function withPrefix(values: readonly string[], prefix: string, directive: number = Directive.noFileComp): Completion {
  return { candidates: values.filter((value) => value.startsWith(prefix)).map((value) => ({ value })), directive };
}

function findOption(command: CommandSpec, word: string): OptionSpec | undefined {
  const name = word.replace(/^--?/, '').split('=')[0] ?? '';
  return command.options.find((option) => option.names.includes(name));
}

function longName(option: OptionSpec): string {
  return option.names[0] as string;
}

function flagWord(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

interface Parsed {
  readonly context: CompletionContext;
  /** A flag that still waits for its value: the word being completed is that value. */
  readonly pending: OptionSpec | undefined;
  /** After `--`: no more flags. */
  readonly literal: boolean;
}

function parseWords(root: CommandSpec, words: readonly string[]): Parsed {
  const path = [root];
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  let pending: OptionSpec | undefined;
  let literal = false;
  for (const word of words.slice(0, -1)) {
    const command = path[path.length - 1] as CommandSpec;
    if (pending) {
      flags[longName(pending)] = word;
      pending = undefined;
    } else if (!literal && word === '--') {
      literal = true;
    } else if (!literal && word.startsWith('-') && word.length > 1) {
      const option = findOption(command, word);
      const equals = word.indexOf('=');
      if (option && equals > 0) flags[longName(option)] = word.slice(equals + 1);
      else if (option?.takesValue) pending = option;
      else if (option) flags[longName(option)] = true;
    } else {
      const sub = positionals.length === 0 && !literal ? command.subcommands.find((c) => c.name === word || c.aliases.includes(word)) : undefined;
      if (sub) path.push(sub);
      else positionals.push(word);
    }
  }
  return { context: { path, flags, positionals, current: words[words.length - 1] ?? '' }, pending, literal };
}

function flagCandidates(command: CommandSpec, context: CompletionContext): Completion {
  const candidates: Candidate[] = [];
  for (const option of command.options) {
    if (!option.repeatable && context.flags[longName(option)] !== undefined) continue;
    for (const name of option.names) {
      const word = flagWord(name);
      if (word.startsWith(context.current)) candidates.push({ value: word, description: option.description });
    }
  }
  return { candidates, directive: Directive.noFileComp };
}

async function optionValues(option: OptionSpec, context: CompletionContext, source: ValueSource): Promise<Completion> {
  if (option.choices.length > 0) return withPrefix(option.choices, context.current);
  return (await source(longName(option), context)) ?? { candidates: [], directive: Directive.default };
}

export async function complete(root: CommandSpec, words: readonly string[], source: ValueSource): Promise<Completion> {
  const { context, pending, literal } = parseWords(root, words.length === 0 ? [''] : words);
  const command = context.path[context.path.length - 1] as CommandSpec;
  const { current } = context;
  if (pending) return optionValues(pending, context, source);
  if (!literal && current.startsWith('-')) {
    const equals = current.indexOf('=');
    const option = equals > 0 ? findOption(command, current) : undefined;
    if (!option) return flagCandidates(command, context);
    const head = current.slice(0, equals + 1);
    const values = await optionValues(option, { ...context, current: current.slice(equals + 1) }, source);
    return { ...values, candidates: values.candidates.map((c) => ({ ...c, value: `${head}${c.value}` })) };
  }
  if (context.positionals.length === 0 && command.subcommands.length > 0) {
    const candidates = command.subcommands
      .flatMap((sub) => [sub.name, ...sub.aliases].map((name) => ({ value: name, description: sub.description })))
      .filter((candidate) => candidate.value.startsWith(current));
    return { candidates, directive: Directive.noFileComp };
  }
  const last = command.positionals[command.positionals.length - 1];
  const positional = command.positionals[context.positionals.length] ?? (last?.variadic ? last : undefined);
  if (!positional) return noCompletion;
  if (positional.choices.length > 0) return withPrefix(positional.choices, current);
  return (await source(positional.name, context)) ?? { candidates: [], directive: Directive.default };
}

/** kubectl's plugin completion format: one candidate a line (`value<TAB>description`), then `:<directive>`. */
export function formatCompletion(completion: Completion): string {
  const lines = completion.candidates.map((c) => (c.description ? `${c.value}\t${c.description.replace(/\s+/g, ' ')}` : c.value));
  return `${[...lines, `:${completion.directive}`].join('\n')}\n`;
}
