/** `kubectl etcd decode [FILE...]`: stored etcd values in, objects out as kubectl prints them. */
import type { Argv, CommandModule } from 'yargs';
import type { UnknownFieldReport } from '../codec/decode-message.js';
import type { InputFormat, StoredInput } from '../codec/input-format.js';
import type { TypeMeta } from '../codec/stored-value.js';
import type { ObjectFormat } from '../render/output.js';
import { ExitCode, UserError } from './exit-codes.js';
import { readInputFile, readStdin, warn, writeStdout } from './io.js';

// Mirrors of the codec's and printers' choices, so yargs can describe them without loading those modules.
const inputFormats: readonly InputFormat[] = ['auto', 'raw', 'base64', 'hex', 'etcdctl-json'];
const objectFormats: readonly ObjectFormat[] = ['yaml', 'json'];

interface DecodeArgs {
  files: string[];
  input: InputFormat;
  output: ObjectFormat;
  'encryption-config'?: string;
  type?: string;
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

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode [files..]',
  describe: 'Decode stored etcd values (raw, base64, hex or etcdctl -w json) into objects, offline',
  builder: (yargs: Argv) => yargs
    .positional('files', { type: 'string', array: true, default: [], describe: 'files to read (stdin when none, - for stdin)' })
    .option('input', { alias: 'i', choices: inputFormats, default: 'auto' as InputFormat, describe: 'input encoding' })
    .option('output', { alias: 'o', choices: objectFormats, default: 'yaml' as ObjectFormat, describe: 'output format' })
    .option('encryption-config', { type: 'string', describe: "the API server's EncryptionConfiguration, to decrypt values encrypted at rest" })
    .option('type', { type: 'string', describe: 'APIVERSION/KIND for values stored without a type (e.g. v1/WatchEvent)' })
    .example('etcdctl get /registry/deployments/default/web --print-value-only | kubectl etcd decode', 'decode a value piped from etcdctl')
    .example('etcdctl get /registry/pods --prefix -w json | kubectl etcd decode -o json', 'decode every pod in an etcdctl listing')
    .example('kubectl etcd decode --encryption-config /etc/kubernetes/enc.yaml secret.bin', 'decrypt and decode a Secret') as Argv<DecodeArgs>,
  handler: async (args) => {
    const [{ decodeStoredValue }, { formatObject }, { listOf, storedObject }, { unknownFieldsWarning }] = await Promise.all([
      import('../codec/stored-value.js'), import('../render/output.js'), import('../render/stored-object.js'), import('../render/warnings.js'),
    ]);
    const typeHint = parseTypeHint(args.type);
    const configPath = args['encryption-config'];
    const keyRing = configPath === undefined ? undefined : await (await import('../codec/encryption-config.js')).readEncryptionConfig(configPath);
    const inputs = await readInputs(args.files, args.input);
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
