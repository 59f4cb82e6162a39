/**
 * `kubectl etcd decode [FILE...]`: stored etcd values in, objects out as kubectl prints them. With --snapshot FILE
 * the words are etcd keys, their values read from the snapshot.
 */
import type { Argv, CommandModule } from 'yargs';
import type { UnknownFieldReport } from '../codec/decode-message.js';
import type { InputFormat, StoredInput } from '../codec/input-format.js';
import type { TypeMeta } from '../codec/stored-value.js';
import type { ObjectFormat } from '../render/output.js';
import { ExitCode, UserError } from './exit-codes.js';
import { readInputFile, readStdin, warn, writeStdout } from './io.js';
import { checkRevision } from './object-options.js';

// Mirrors of the codec's and printers' choices, so yargs can describe them without loading those modules.
const inputFormats: readonly InputFormat[] = ['auto', 'raw', 'base64', 'hex', 'etcdctl-json'];
const objectFormats: readonly ObjectFormat[] = ['yaml', 'json'];

interface DecodeArgs {
  files: string[];
  input: InputFormat;
  output: ObjectFormat;
  'encryption-config'?: string;
  type?: string;
  snapshot?: string;
  rev?: number;
}

function parseTypeHint(text: string | undefined): TypeMeta | undefined {
  if (text === undefined) return undefined;
  const slash = text.lastIndexOf('/');
  if (slash <= 0 || slash === text.length - 1) throw new UserError(`--type ${text}: expected APIVERSION/KIND, e.g. v1/WatchEvent or apps/v1/Deployment`, ExitCode.usage);
  return { apiVersion: text.slice(0, slash), kind: text.slice(slash + 1) };
}

async function readInputs(files: string[], format: InputFormat): Promise<StoredInput[]> {
  const { readStoredInputs } = await import('../codec/input-format.js');
  const sources = files.length === 0 ? ['-'] : files;
  const inputs: StoredInput[] = [];
  for (const file of sources) {
    const data = file === '-' ? await readStdin() : await readInputFile(file);
    try {
      inputs.push(...readStoredInputs(data, file === '-' ? 'stdin' : file, format));
    } catch (error) {
      throw new UserError((error as Error).message, ExitCode.error);
    }
  }
  return inputs;
}

/** With --snapshot the words are keys (at least one), read as stored, so --input has nothing to say; --rev needs it. */
function checkSnapshotArgs(args: DecodeArgs): void {
  if (args.snapshot === undefined) {
    if (args.rev !== undefined) throw new UserError('--rev reads keys at an earlier revision of a snapshot: give --snapshot FILE and the keys', ExitCode.usage);
    return;
  }
  if (args.files.length === 0) throw new UserError('--snapshot needs the etcd keys to decode, e.g. decode --snapshot backup.db /registry/deployments/default/web', ExitCode.usage);
  if (args.input !== 'auto') throw new UserError(`--input ${args.input} says how files and stdin are encoded; a snapshot holds its values as stored`, ExitCode.usage);
  checkRevision(args.rev);
}

/** The folder a key is in, to list what is there instead. */
function parentOf(key: string): string {
  const slash = key.lastIndexOf('/', key.length - 2);
  return slash > 0 ? key.slice(0, slash + 1) : '/';
}

/** The values of `keys` in the snapshot at `revision` (its latest by default), read as `get --snapshot` reads them. */
async function readSnapshotInputs(snapshot: string, keys: readonly string[], revision: number | undefined): Promise<StoredInput[]> {
  const [{ withKeyValueSource }, { readKey }] = await Promise.all([import('./source-options.js'), import('../etcd/key-value-source.js')]);
  return withKeyValueSource({ snapshot }, async (source, _keyPrefix, signal) => {
    const inputs: StoredInput[] = [];
    const missing: string[] = [];
    for (const key of keys) {
      const kv = await readKey(source, Buffer.from(key), { revision, signal });
      if (kv === undefined) missing.push(key);
      else inputs.push({ name: key, key, bytes: kv.value });
    }
    const [first] = missing;
    if (first === undefined) return inputs;
    throw new UserError(
      `${missing.length === 1 ? 'key' : 'keys'} ${missing.join(', ')} not found in ${source.description}${revision !== undefined ? ` at revision ${revision}` : ''}`,
      ExitCode.error,
      `list the keys there: kubectl etcd get ${parentOf(first)} --prefix --keys-only --snapshot ${snapshot}`,
    );
  });
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode [files..]',
  describe: 'Decode stored etcd values (raw, base64, hex, etcdctl -w json, or keys of a snapshot) into objects, offline',
  builder: (yargs: Argv) => yargs
    .positional('files', { type: 'string', array: true, default: [], describe: 'files to read (stdin when none, - for stdin); with --snapshot, etcd keys' })
    .option('input', { alias: 'i', choices: inputFormats, default: 'auto' as InputFormat, describe: 'input encoding' })
    .option('output', { alias: 'o', choices: objectFormats, default: 'yaml' as ObjectFormat, describe: 'output format' })
    .option('encryption-config', { type: 'string', describe: "the API server's EncryptionConfiguration, to decrypt values encrypted at rest" })
    .option('type', { type: 'string', describe: 'APIVERSION/KIND for values stored without a type (e.g. v1/WatchEvent)' })
    .option('snapshot', { type: 'string', describe: "read the values of the keys given from this snapshot file (or a member's member/snap/db)" })
    .option('rev', { type: 'number', describe: 'with --snapshot: read the keys at this revision (back to the compacted one)' })
    .example('etcdctl get /registry/deployments/default/web --print-value-only | kubectl etcd decode', 'decode a value piped from etcdctl')
    .example('etcdctl get /registry/pods --prefix -w json | kubectl etcd decode -o json', 'decode every pod in an etcdctl listing')
    .example('kubectl etcd decode --encryption-config /etc/kubernetes/enc.yaml secret.bin', 'decrypt and decode a Secret')
    .example('kubectl etcd decode --snapshot backup.db /registry/deployments/default/web', 'decode one key of a snapshot') as Argv<DecodeArgs>,
  handler: async (args) => {
    checkSnapshotArgs(args);
    const [{ decodeStoredValue }, { formatObject }, { listOf, storedObject }, { unknownFieldsWarning }] = await Promise.all([
      import('../codec/stored-value.js'), import('../render/output.js'), import('../render/stored-object.js'), import('../render/warnings.js'),
    ]);
    const typeHint = parseTypeHint(args.type);
    const configPath = args['encryption-config'];
    const keyRing = configPath === undefined ? undefined : await (await import('../codec/encryption-config.js')).readEncryptionConfig(configPath);
    const inputs = args.snapshot === undefined ? await readInputs(args.files, args.input) : await readSnapshotInputs(args.snapshot, args.files, args.rev);
    if (inputs.length === 0) throw new UserError('no values in the input', ExitCode.error);
    const unknown: UnknownFieldReport[] = [];
    const unknownIn: string[] = [];
    let incomplete = 0;
    const objects = inputs.map((input) => {
      const decoded = decodeStoredValue(input.bytes, {
        ...(input.key !== undefined ? { key: input.key } : {}),
        ...(keyRing !== undefined ? { keyRing } : {}),
        ...(typeHint !== undefined ? { typeHint } : {}),
      });
      if (decoded.status === 'decoded' && decoded.unknownFields.length > 0) {
        unknown.push(...decoded.unknownFields);
        unknownIn.push(input.name);
      }
      if (decoded.status === 'undecodable') {
        incomplete++;
        process.stderr.write(`error: cannot decode ${input.name}: ${decoded.reason}${decoded.offset !== null ? ` (at byte ${decoded.offset})` : ''}\n`);
      } else if (decoded.status === 'encrypted') {
        incomplete++;
        process.stderr.write(`error: ${input.name} is encrypted at rest (${decoded.provider}, key ${decoded.keyName}): ${decoded.reason}\n`);
      }
      return storedObject(decoded, input.name);
    });
    const warning = unknownFieldsWarning(unknown, unknownIn);
    if (warning !== undefined) warn(warning);
    const [only] = objects;
    await writeStdout(formatObject(objects.length === 1 && only !== undefined ? only : listOf(objects), args.output));
    if (incomplete > 0) process.exitCode = ExitCode.partial;
  },
};
