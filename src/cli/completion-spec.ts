/**
 * What shell completion needs to know of the commands: names, descriptions, flags (which take a value, with which
 * choices), positionals and subcommands. Read from the same yargs command modules the parser runs, by passing each
 * builder a recorder that notes the calls it makes (and ignores the rest), so completion never drifts from the CLI
 * and needs no parser.
 */
import type { CommandModule } from 'yargs';

export interface OptionSpec {
  /** Long name first, then aliases: `output`, `o`. */
  readonly names: readonly string[];
  readonly description: string;
  readonly takesValue: boolean;
  readonly choices: readonly string[];
  /** May be given more than once (arrays, counts). */
  readonly repeatable: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly choices: readonly string[];
  /** `[files..]`: takes every remaining word. */
  readonly variadic: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly positionals: readonly PositionalSpec[];
  readonly subcommands: readonly CommandSpec[];
}

interface OptionRecord {
  names: string[];
  description: string;
  type?: string;
  choices: string[];
  hidden: boolean;
}

type AnyCommand = CommandModule<never, never>;
type Builder = (recorder: unknown) => unknown;

/** The flag every command has (main registers it on the root parser). */
const HELP: OptionSpec = { names: ['help', 'h'], description: 'Show help', takesValue: false, choices: [], repeatable: false };

function toArray(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `get <target> [name]` -> name `get`, positionals target and name; `decode [files..]` -> files is variadic. */
function parseCommandLine(command: string): { name: string; positionals: Array<{ name: string; variadic: boolean }> } {
  const [name = '', ...rest] = command.trim().split(/\s+/);
  const positionals = rest.map((word) => {
    const inner = word.replace(/^[<[]|[>\]]$/g, '');
    return { name: inner.replace(/\.\.$/, '').split('|')[0] ?? inner, variadic: inner.endsWith('..') };
  });
  return { name, positionals };
}

class Recorder {
  readonly options = new Map<string, OptionRecord>();
  readonly positionalChoices = new Map<string, string[]>();
  readonly commands: AnyCommand[] = [];
  readonly proxy: unknown;

  constructor() {
    // Calls the recorder does not know (example, group, check, ...) change nothing completion needs.
    // `then` stays undefined so that the recorder is never taken for a promise.
    this.proxy = new Proxy(this, {
      get: (target, property) => {
        if (typeof property === 'symbol' || property === 'then') return undefined;
        return (...args: unknown[]) => {
          const method = (target as unknown as Record<string, unknown>)[`on_${property}`];
          if (typeof method === 'function') method.apply(target, args);
          return target.proxy;
        };
      },
    });
  }

  private record(key: string): OptionRecord {
    let record = this.options.get(key);
    if (!record) {
      record = { names: [key], description: '', choices: [], hidden: false };
      this.options.set(key, record);
    }
    return record;
  }

  private define(key: string, settings: Record<string, unknown> = {}): void {
    const record = this.record(key);
    record.names.push(...toArray(settings['alias']).filter((alias) => !record.names.includes(alias)));
    const description = settings['describe'] ?? settings['description'] ?? settings['desc'];
    if (typeof description === 'string') record.description = description;
    if (settings['type'] !== undefined) record.type = String(settings['type']);
    for (const type of ['boolean', 'count', 'array', 'string', 'number'] as const) if (settings[type] === true) record.type = type;
    if (settings['choices'] !== undefined) record.choices = toArray(settings['choices']);
    if (settings['hidden'] === true) record.hidden = true;
  }

  on_option(key: string | Record<string, Record<string, unknown>>, settings?: Record<string, unknown>): void {
    if (typeof key === 'string') this.define(key, settings);
    else for (const [name, value] of Object.entries(key)) this.define(name, value);
  }

  on_options(key: string | Record<string, Record<string, unknown>>, settings?: Record<string, unknown>): void {
    this.on_option(key, settings);
  }

  on_positional(key: string, settings: Record<string, unknown> = {}): void {
    this.positionalChoices.set(key, toArray(settings['choices']));
  }

  on_alias(key: string | Record<string, string | string[]>, alias?: string | string[]): void {
    const pairs = typeof key === 'string' ? [[key, alias]] : Object.entries(key);
    for (const [name, aliases] of pairs) this.define(String(name), { alias: aliases });
  }

  on_choices(key: string, values: unknown): void {
    if (this.positionalChoices.has(key)) this.positionalChoices.set(key, toArray(values));
    else this.define(key, { choices: values });
  }

  on_hide(key: string): void {
    this.define(key, { hidden: true });
  }

  on_command(command: unknown, description?: unknown, builder?: unknown): void {
    if (Array.isArray(command)) this.commands.push(...(command as AnyCommand[]));
    else if (typeof command === 'object' && command !== null) this.commands.push(command as AnyCommand);
    else this.commands.push({ command: String(command), describe: description as string | false, builder: builder as AnyCommand['builder'], handler: () => undefined });
  }
}

function optionSpec(record: OptionRecord): OptionSpec {
  const takesValue = record.type !== 'boolean' && record.type !== 'count';
  return { names: record.names, description: record.description, takesValue, choices: record.choices, repeatable: record.type === 'array' || record.type === 'count' };
}

/** The completion view of one command module, or undefined for a hidden one (describe: false). */
export function commandSpec(module: AnyCommand): CommandSpec | undefined {
  if (module.describe === false) return undefined;
  const commandLine = Array.isArray(module.command) ? String(module.command[0]) : String(module.command ?? '');
  const { name, positionals } = parseCommandLine(commandLine);
  const recorder = new Recorder();
  if (typeof module.builder === 'function') (module.builder as Builder)(recorder.proxy);
  else if (module.builder) recorder.on_options(module.builder as Record<string, Record<string, unknown>>);
  const aliases = [...(Array.isArray(module.command) ? module.command.slice(1).map(String) : []), ...toArray(module.aliases)];
  return {
    name,
    aliases,
    description: typeof module.describe === 'string' ? module.describe : '',
    options: [...[...recorder.options.values()].filter((r) => !r.hidden && !recorder.positionalChoices.has(r.names[0] ?? '')).map(optionSpec), HELP],
    positionals: positionals.map((p) => ({ ...p, choices: recorder.positionalChoices.get(p.name) ?? [] })),
    subcommands: specsOf(recorder.commands),
  };
}

export function specsOf(modules: readonly AnyCommand[]): CommandSpec[] {
  return modules.map(commandSpec).filter((spec): spec is CommandSpec => spec !== undefined);
}

/** The root: `kubectl etcd` itself, whose words are the commands. */
export function rootSpec(modules: readonly AnyCommand[]): CommandSpec {
  return { name: 'kubectl etcd', aliases: [], description: '', options: [HELP], positionals: [], subcommands: specsOf(modules) };
}
