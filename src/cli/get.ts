/**
 * `kubectl etcd get KEY|RESOURCE [NAME]`: keys, key prefixes, or resources named as kubectl names them, read page
 * by page at one revision, decoded, and streamed out in the chosen format.
 */
import type { Argv, CommandModule } from 'yargs';
import type { UnknownFieldReport } from '../codec/decode-message.js';
import type { KeyRing } from '../codec/encryption-config.js';
import { decodeStoredValue, type DecodedValue, type DecodeOptions } from '../codec/stored-value.js';
import type { KeyValue } from '../etcd/etcdctl-json.js';
import { apiVersionOf, parseKey, type KeyAddress } from '../etcd/key-layout.js';
import { prefixEnd, type KeyValueSource, type RangeRequest } from '../etcd/key-value-source.js';
import { DEFAULT_NAMESPACE, resolveKeyTarget, type KeyTarget } from '../etcd/resource-target.js';
import { forApply, hasOwnerReferences } from '../render/for-apply.js';
import { decodingFormats, isIncomplete, keyFormats, keyPrinter, keysOnlyFormats, type KeyEntry, type KeyFormat } from '../render/key-printers.js';
import { unknownFieldsWarning } from '../render/warnings.js';
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
  readonly keyRing?: KeyRing;
  /** Leave out what the API server sets, so the output can go to `kubectl apply -f -`. */
  readonly forApply?: boolean;
  readonly signal?: AbortSignal;
}

/** Where `get` writes: stdout (awaited, for back-pressure) and stderr lines. */
export interface GetOutput {
  out(data: string | Uint8Array): Promise<void>;
  err(line: string): void;
}

/** What a request reads: one key or every key under a prefix, and how to speak of it when nothing is there. */

/** Decode failures printed one by one before they are only counted. */
const REPORTED_FAILURES = 10;

interface DecodeTally {
  incomplete: number;
  /** Objects printed --for-apply that name owners by uid. */
  owned: number;
  unknown: UnknownFieldReport[];
  unknownIn: string[];
}

function reportFailure(output: GetOutput, tally: DecodeTally, key: string, decoded: DecodedValue): void {
  tally.incomplete++;
  if (tally.incomplete > REPORTED_FAILURES) return;
  if (decoded.status === 'undecodable') {
    output.err(`error: cannot decode ${key}: ${decoded.reason}${decoded.offset !== null ? ` (at byte ${decoded.offset})` : ''}`);
  } else if (decoded.status === 'encrypted') {
    output.err(`error: ${key} is encrypted at rest (${decoded.provider}, key ${decoded.keyName}): ${decoded.reason}`);
  }
}

function decodeEntry(kv: KeyValue, keyPrefix: string, request: GetRequest, tally: DecodeTally, output: GetOutput): KeyEntry {
  const { keyRing } = request;
  const key = kv.key.toString('utf8');
  const address = parseKey(keyPrefix, key);
  const options: DecodeOptions = {
    key,
    ...(keyRing !== undefined ? { keyRing } : {}),
    ...(address?.type !== undefined ? { typeHint: { apiVersion: apiVersionOf(address.type), kind: address.type.kind } } : {}),
  };
  const decoded = decodeStoredValue(kv.value, options);
  if (isIncomplete(decoded)) reportFailure(output, tally, key, decoded);
  else if (decoded.status === 'decoded' && decoded.unknownFields.length > 0) {
    tally.unknown.push(...decoded.unknownFields);
    tally.unknownIn.push(key);
  }
  return { kv, key, address, decoded: request.forApply === true ? forApplyValue(decoded, address, tally) : decoded };
}

/** The decoded object without what the API server sets; values that did not decode stay as they are. */
function forApplyValue(decoded: DecodedValue, address: KeyAddress | undefined, tally: DecodeTally): DecodedValue {
  if (decoded.status !== 'decoded') return decoded;
  if (hasOwnerReferences(decoded.object)) tally.owned++;
  return { ...decoded, object: forApply(decoded.object, { builtIn: address?.type !== undefined }) };
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
const SLICE_MS = 10;

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

  constructor(private readonly output: GetOutput) {}

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
    await this.output.out(pieces.every((p) => typeof p === 'string') ? pieces.join('') : Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
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

/** Reads, decodes and prints what the request names; resolves to the exit status (0, or 3 when values were incomplete). */
export async function runGet(source: KeyValueSource, keyPrefix: string, request: GetRequest, output: GetOutput): Promise<ExitCodeValue> {
  const target = await resolveKeyTarget(source, keyPrefix, request, { guessKeys: true, ...(request.signal ? { signal: request.signal } : {}) });
  const format = chooseFormat(request, target);
  const printer = keyPrinter(format, !target.exact);
  const keysOnly = request.keysOnly === true;
  const decoding = !keysOnly && decodingFormats.includes(format);
  const start = Buffer.from(target.key);
  const range: RangeRequest = {
    key: start,
    ...(target.exact ? {} : { rangeEnd: prefixEnd(start) }),
    ...(request.revision !== undefined ? { revision: request.revision } : {}),
    ...(keysOnly ? { keysOnly } : {}),
  };
  const tally: DecodeTally = { incomplete: 0, owned: 0, unknown: [], unknownIn: [] };
  const limit = request.limit ?? Infinity;
  let count = 0;
  let revision = 0;
  const options = { ...(Number.isFinite(limit) ? { pageSize: limit } : {}), ...(request.signal ? { signal: request.signal } : {}) };
  const pending = new PendingOutput(output);
  const letIoRun = timeSlicer();
  for await (const page of source.range(range, options)) {
    revision = page.revision;
    for (const kv of page.kvs) {
      if (count >= limit) break;
      count++;
      const entry: KeyEntry = decoding ? decodeEntry(kv, keyPrefix, request, tally, output) : undecodedEntry(kv, keyPrefix);
      if (pending.add(printer.add(entry, revision))) await pending.write();
      await letIoRun();
    }
    pending.add(printer.page());
    await pending.write();
    if (count >= limit) break;
  }
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
    .option('output', { alias: 'o', choices: keyFormats, describe: 'output format (default: yaml for one key, table for several, key with --keys-only)' })
    .option('namespace', { alias: 'n', type: 'string', describe: `namespace of a namespaced resource (default: ${DEFAULT_NAMESPACE})` })
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
        keyRing,
        forApply: args['for-apply'],
        signal,
      };
      return runGet(source, keyPrefix, request, stdio);
    });
  },
};
