/**
 * `kubectl etcd get KEY|RESOURCE [NAME]`: keys, key prefixes, or resources named as kubectl names them, read page
 * by page at one revision, decoded, and streamed out in the chosen format.
 */
import type { Argv, CommandModule } from 'yargs';
import type { KeyRing } from '../codec/encryption-config.js';
import type { KeyValue } from '../etcd/etcdctl-json.js';
import { parseKey } from '../etcd/key-layout.js';
import { prefixEnd, type KeyValueSource, type RangeOptions, type RangeRequest } from '../etcd/key-value-source.js';
import { resolveKeyTarget, type KeyTarget } from '../etcd/resource-target.js';
import { addTally, decodeEntry, emptyTally, type DecodeSettings, type DecodeTally, type FormattedItems } from '../render/decoded-entries.js';
import { decodingFormats, keyFormats, keyPrinter, keysOnlyFormats, type KeyEntry, type KeyFormat, type KeyPrinter } from '../render/key-printers.js';
import { ListItems } from '../render/list-items.js';
import { unknownFieldsWarning } from '../render/warnings.js';
import { contextNamespace, NAMESPACE_HELP } from './context-namespace.js';
import { ExitCode, UserError, type ExitCodeValue } from './exit-codes.js';
import { writeStdout } from './io.js';
import { withKeyValueSource, withSourceOptions, type SourceArgs } from './source-options.js';

export interface GetRequest {
  /** A key (starts with `/`, or anything with --prefix), or a resource: `deploy`, `pods`, `deploy/web`, `crontabs.stable.example.com`. */
  readonly target: string;
  readonly name?: string;
  readonly prefix?: boolean;
  readonly keysOnly?: boolean;
  readonly limit?: number;
  readonly revision?: number;
  readonly format?: KeyFormat;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  /** The namespace when -n is not given, asked only for a namespaced resource; `default` without it. */
  readonly defaultNamespace?: () => Promise<string>;
  readonly keyRing?: KeyRing;
  /** Where keyRing was read from: worker threads read it themselves. */
  readonly encryptionConfig?: string;
  /** Leave out what the API server sets, so the output can go to `kubectl apply -f -`. */
  readonly forApply?: boolean;
  readonly signal?: AbortSignal;
}

/** Where `get` writes: stdout (awaited, for back-pressure) and stderr lines. */
export interface GetOutput {
  out(data: string | Uint8Array): Promise<void>;
  err(line: string): void;
}

/** Decode failures printed one by one before they are only counted. */
const REPORTED_FAILURES = 10;

/** Prints the first REPORTED_FAILURES messages about values shown as stand-ins (the tally counts them all). */
function reportFailures(output: GetOutput, printed: { count: number }, failures: readonly string[]): void {
  for (const failure of failures) {
    if (printed.count >= REPORTED_FAILURES) return;
    printed.count++;
    output.err(failure);
  }
}

/** A key whose value is not shown decoded (--keys-only, or a format printing keys or stored bytes). */
function undecodedEntry(kv: KeyValue, keyPrefix: string): KeyEntry {
  const key = kv.key.toString('utf8');
  return { kv, key, address: parseKey(keyPrefix, key), decoded: undefined };
}

function chooseFormat(request: GetRequest, target: KeyTarget): KeyFormat {
  const format = request.format ?? (request.keysOnly === true ? 'key' : target.exact || request.forApply === true ? 'yaml' : 'table');
  if (request.forApply === true && format !== 'yaml' && format !== 'json') throw new UserError(`--for-apply prints objects for kubectl apply: use -o yaml or -o json, not -o ${format}`, ExitCode.usage);
  if (request.keysOnly === true && !keysOnlyFormats.includes(format)) {
    throw new UserError(`-o ${format} needs the values; with --keys-only use one of ${keysOnlyFormats.join(', ')}`, ExitCode.usage);
  }
  if (format === 'raw' && !target.exact) throw new UserError('-o raw prints one value as stored: name a single key, not a prefix or a list', ExitCode.usage);
  return format;
}

/** Output is written in pieces of about this many characters or bytes, so no more than that is held, however big a page. */
const WRITE_SIZE = 1 << 20;

/**
 * How long decoding may hold the thread before it lets I/O run: the next page streams in meanwhile (a write to a
 * file or /dev/null completes without a turn of the event loop, so writes alone do not give it one).
 */
const SLICE_MS = 4;

/** Resolves after a turn of the event loop once SLICE_MS have passed since the last one; at once otherwise. */
function timeSlicer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < SLICE_MS) return undefined;
    since = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}

/** Gathers output into writes of about WRITE_SIZE. */
class PendingOutput {
  private pieces: (string | Uint8Array)[] = [];
  private size = 0;

  /** `written` is told of each piece of bytes once it is written, when the caller reuses their memory. */
  constructor(private readonly output: GetOutput, private readonly written?: (piece: Uint8Array) => void) {}

  /** Whether enough has gathered to write. */
  add(piece: string | Uint8Array): boolean {
    if (piece.length > 0) {
      this.pieces.push(piece);
      this.size += piece.length;
    }
    return this.size >= WRITE_SIZE;
  }

  async write(): Promise<void> {
    if (this.pieces.length === 0) return;
    const pieces = this.pieces;
    this.pieces = [];
    this.size = 0;
    // Runs of text are joined; formatted bytes are written as they are, not copied into one.
    const writes: Promise<void>[] = [];
    for (let at = 0; at < pieces.length; ) {
      let end = at + 1;
      while (end < pieces.length && typeof pieces[at] === 'string' && typeof pieces[end] === 'string') end++;
      const piece = end - at > 1 ? pieces.slice(at, end).join('') : (pieces[at] as string | Uint8Array);
      writes.push(this.output.out(piece));
      at = end;
    }
    await Promise.all(writes);
    if (this.written) for (const piece of pieces) if (typeof piece !== 'string') this.written(piece);
  }
}

async function nothingFound(source: KeyValueSource, target: KeyTarget, signal?: AbortSignal): Promise<never> {
  if (target.guessedKey === true) {
    throw new UserError(`"${target.key}" is neither a resource type nor a key in etcd`, ExitCode.error, 'keys start with /, e.g. /registry/pods/default/web; resources are named as in kubectl (pods, deploy, crontabs.stable.example.com)');
  }
  if (target.exact) {
    const start = Buffer.from(`${target.key}/`);
    const below = await readOneInRange(source, { key: start, rangeEnd: prefixEnd(start) }, signal);
    throw new UserError(`${target.what.startsWith('key ') ? target.what : `${target.what} (key ${target.key})`} not found`, ExitCode.error, below ? `there are keys under ${target.key}/: add --prefix to list them` : undefined);
  }
  throw new UserError(`no ${target.what}`, ExitCode.error);
}

async function readOneInRange(source: KeyValueSource, range: RangeRequest, signal?: AbortSignal): Promise<boolean> {
  for await (const page of source.range({ ...range, keysOnly: true }, { pageSize: 1, ...(signal ? { signal } : {}) })) {
    if (page.kvs.length > 0) return true;
  }
  return false;
}

/** What printing read and found: how many keys, at which revision, and what decoding met. */
interface Printed {
  count: number;
  revision: number;
  readonly tally: DecodeTally;
  /** Failure messages printed so far. */
  readonly reported: { count: number };
}

/** The pages' keys one at a time, through the printer. */
async function printEntries(pages: AsyncIterable<{ revision: number; kvs: readonly KeyValue[] }>, printer: KeyPrinter, decoding: DecodeSettings | undefined, limit: number, output: GetOutput, keyPrefix: string): Promise<Printed> {
  const printed: Printed = { count: 0, revision: 0, tally: emptyTally(), reported: { count: 0 } };
  const pending = new PendingOutput(output);
  const letIoRun = timeSlicer();
  for await (const page of pages) {
    printed.revision = page.revision;
    for (const kv of page.kvs) {
      if (printed.count >= limit) break;
      printed.count++;
      let entry: KeyEntry;
      if (decoding === undefined) entry = undecodedEntry(kv, keyPrefix);
      else {
        const decoded = decodeEntry(kv, decoding, printed.tally);
        entry = decoded.entry;
        if (decoded.failure !== undefined) reportFailures(output, printed.reported, [decoded.failure]);
      }
      if (pending.add(printer.add(entry, printed.revision))) await pending.write();
      await letIoRun();
    }
    pending.add(printer.page());
    await pending.write();
    if (printed.count >= limit) break;
  }
  return printed;
}

/** The pages' keys as the items of a List, formatted in batches (on worker threads when the listing is large). */
async function printListItems(pages: AsyncIterable<{ revision: number; kvs: readonly KeyValue[] }>, beforeItems: () => string, items: ListItems, limit: number, output: GetOutput): Promise<Printed> {
  const printed: Printed = { count: 0, revision: 0, tally: emptyTally(), reported: { count: 0 } };
  const pending = new PendingOutput(output, (piece) => items.written(piece));
  const write = async (batches: readonly FormattedItems[]): Promise<void> => {
    for (const batch of batches) {
      addTally(printed.tally, batch.tally);
      reportFailures(output, printed.reported, batch.failures);
      pending.add(beforeItems());
      if (pending.add(batch.text)) await pending.write();
    }
  };
  const letIoRun = timeSlicer();
  try {
    for await (const page of pages) {
      printed.revision = page.revision;
      for (const kv of page.kvs) {
        if (printed.count >= limit) break;
        printed.count++;
        if (items.add(kv)) await write(await items.ready());
        await letIoRun();
      }
      items.endPage();
      await write(await items.ready());
      await pending.write();
      if (printed.count >= limit) break;
    }
    await write(await items.finish());
    await pending.write();
  } finally {
    await items.close();
  }
  return printed;
}

/** Reads, decodes and prints what the request names; resolves to the exit status (0, or 3 when values were incomplete). */
export async function runGet(source: KeyValueSource, keyPrefix: string, request: GetRequest, output: GetOutput): Promise<ExitCodeValue> {
  const target = await resolveKeyTarget(source, keyPrefix, request, { guessKeys: true, ...(request.signal ? { signal: request.signal } : {}) });
  const format = chooseFormat(request, target);
  const printer = keyPrinter(format, !target.exact);
  const keysOnly = request.keysOnly === true;
  const start = Buffer.from(target.key);
  const range: RangeRequest = {
    key: start,
    ...(target.exact ? {} : { rangeEnd: prefixEnd(start) }),
    ...(request.revision !== undefined ? { revision: request.revision } : {}),
    ...(keysOnly ? { keysOnly } : {}),
  };
  const settings: DecodeSettings = { keyPrefix, keyRing: request.keyRing, forApply: request.forApply === true };
  const limit = request.limit ?? Infinity;
  // Both printers are done with a page when they ask for the next: formatted List items are copied out (or are
  // being written from their own buffers), other formats are written at the end of each page.
  const options: RangeOptions = { ...(Number.isFinite(limit) ? { pageSize: limit } : {}), ...(request.signal ? { signal: request.signal } : {}), pagesLetGo: true };
  const pages = source.range(range, options);
  const decoding = !keysOnly && decodingFormats.includes(format);
  const { count, revision, tally } = decoding && printer.beforeItems !== undefined && (format === 'yaml' || format === 'json')
    ? await printListItems(pages, printer.beforeItems, new ListItems({ settings, format, reads: source.reads, encryptionConfig: request.encryptionConfig, maxFailures: REPORTED_FAILURES }), limit, output)
    : await printEntries(pages, printer, decoding ? settings : undefined, limit, output, keyPrefix);
  if (count === 0) {
    if (target.emptyListing === undefined) await nothingFound(source, target, request.signal);
    if (format === 'table' || format === 'wide') output.err(target.emptyListing ?? '');
  }
  if (count > 0 || target.emptyListing !== undefined) await output.out(printer.end(revision));
  if (tally.incomplete > REPORTED_FAILURES) output.err(`error: ${tally.incomplete - REPORTED_FAILURES} more values could not be shown decoded`);
  if (tally.owned > 0) output.err(`warning: ${tally.owned} object${tally.owned === 1 ? '' : 's'} keep metadata.ownerReferences: a re-created owner has a new uid, and the garbage collector deletes objects whose owner uid is gone`);
  const warning = unknownFieldsWarning(tally.unknown, tally.unknownIn);
  if (warning !== undefined) output.err(`warning: ${warning}`);
  return tally.incomplete > 0 ? ExitCode.partial : ExitCode.ok;
}

interface GetArgs extends SourceArgs {
  target: string;
  name?: string;
  prefix?: boolean;
  'keys-only'?: boolean;
  limit?: number;
  rev?: number;
  output?: KeyFormat;
  namespace?: string;
  'all-namespaces'?: boolean;
  'encryption-config'?: string;
  'for-apply'?: boolean;
}

const stdio: GetOutput = {
  out: writeStdout,
  err: (line) => process.stderr.write(`${line}\n`),
};

export const getCommand: CommandModule<object, GetArgs> = {
  command: 'get <target> [name]',
  describe: 'Read keys, prefixes or resources from etcd and print them decoded, as kubectl get would',
  builder: (yargs: Argv) => withSourceOptions(yargs
    .positional('target', { type: 'string', demandOption: true, describe: 'a key (/registry/...), or a resource type as kubectl names it (deploy, pods, crontabs.stable.example.com, deploy/NAME)' })
    .positional('name', { type: 'string', describe: 'the object name, with a resource type' })
    .option('prefix', { type: 'boolean', describe: 'read every key that starts with the given key' })
    .option('keys-only', { type: 'boolean', describe: 'read keys without their values' })
    .option('limit', { type: 'number', describe: 'read at most this many keys' })
    .option('rev', { type: 'number', describe: 'read at this etcd revision (older ones are compacted away after 5 minutes by default)' })
    // Given twice, the last one counts, as with kubectl (yargs would hand over both).
    .option('output', { alias: 'o', choices: keyFormats, coerce: (value: KeyFormat | KeyFormat[]) => (Array.isArray(value) ? value[value.length - 1] : value), describe: 'output format (default: yaml for one key, table for several, key with --keys-only)' })
    .option('namespace', { alias: 'n', type: 'string', describe: NAMESPACE_HELP })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'objects of a resource in every namespace' })
    .option('encryption-config', { type: 'string', describe: "the API server's EncryptionConfiguration, to decrypt values encrypted at rest" })
    .option('for-apply', { type: 'boolean', describe: 'leave out what the API server sets (uid, resourceVersion, managedFields, status of built-in kinds, ...), for kubectl apply -f -' })
    .example('kubectl etcd get deploy web -n shop', 'one Deployment, decoded, as YAML')
    .example('kubectl etcd get pods -A', 'every Pod as a table of keys')
    .example('kubectl etcd get /registry/configmaps --prefix -o json', 'every ConfigMap as a JSON List')
    .example('kubectl etcd get /registry/secrets/default/db -o raw', 'the stored bytes of one value')
    .example('kubectl etcd --snapshot backup.db get deploy web -n shop --for-apply | kubectl apply -f -', 'recover one Deployment from a backup')) as unknown as Argv<GetArgs>,
  handler: async (args) => {
    const keyRing = args['encryption-config'] === undefined ? undefined : await (await import('../codec/encryption-config.js')).readEncryptionConfig(args['encryption-config']);
    if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit > 0)) throw new UserError(`--limit must be a positive whole number, not ${args.limit}`, ExitCode.usage);
    if (args.rev !== undefined && !(Number.isInteger(args.rev) && args.rev > 0)) throw new UserError(`--rev must be a positive revision, not ${args.rev}`, ExitCode.usage);
    process.exitCode = await withKeyValueSource(args, async (source, keyPrefix, signal) => {
      const request: GetRequest = {
        target: args.target,
        name: args.name,
        prefix: args.prefix,
        keysOnly: args['keys-only'],
        limit: args.limit,
        revision: args.rev,
        format: args.output,
        namespace: args.namespace,
        allNamespaces: args['all-namespaces'],
        defaultNamespace: contextNamespace(args),
        keyRing,
        encryptionConfig: args['encryption-config'],
        forApply: args['for-apply'],
        signal,
      };
      return runGet(source, keyPrefix, request, stdio);
    });
  },
};
