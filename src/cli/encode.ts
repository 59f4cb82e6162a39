/** `kubectl etcd encode [FILE]`: a YAML or JSON object in, the exact bytes the API server would store out. */
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, UserError } from './exit-codes.js';
import { readInputFile, readStdin, writeStdout } from './io.js';

const outputFormats = ['raw', 'base64', 'hex'] as const;
type EncodedFormat = (typeof outputFormats)[number];

interface EncodeArgs {
  file?: string;
  output?: EncodedFormat;
}

export const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode [file]',
  describe: 'Encode a YAML or JSON object into the bytes the API server would store in etcd, offline',
  builder: (yargs: Argv) => yargs
    .positional('file', { type: 'string', describe: 'YAML or JSON file (stdin when absent, - for stdin)' })
    .option('output', { alias: 'o', choices: outputFormats, describe: 'raw bytes (default; base64 on a terminal), base64 or hex' })
    .example('kubectl etcd encode deploy.yaml -o hex', 'show the protobuf bytes of a Deployment')
    .example('kubectl etcd encode cm.yaml | etcdctl put /registry/configmaps/default/cm', 'write through etcdctl (prefer `kubectl etcd put`)') as Argv<EncodeArgs>,
  handler: async (args) => {
    const name = args.file === undefined || args.file === '-' ? 'stdin' : args.file;
    const text = (args.file === undefined || args.file === '-' ? await readStdin() : await readInputFile(args.file)).toString('utf8');
    const [{ encodeStoredValue }, { parseObjectDocument }] = await Promise.all([import('../codec/encode.js'), import('../codec/object-input.js')]);
    let bytes: Uint8Array;
    try {
      bytes = encodeStoredValue(parseObjectDocument(text, name));
    } catch (error) {
      throw new UserError(`cannot encode ${name}: ${(error as Error).message}`, ExitCode.error);
    }
    const format = args.output ?? (process.stdout.isTTY ? 'base64' : 'raw');
    await writeStdout(format === 'raw' ? bytes : `${Buffer.from(bytes).toString(format)}\n`);
  },
};
