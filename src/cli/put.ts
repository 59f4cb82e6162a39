/**
 * `kubectl etcd put [KEY] -f FILE`: a YAML or JSON object written to etcd as the API server would store it
 * (protobuf for built-in kinds, JSON for custom resources). Only with --yes or after a confirmation on the
 * terminal; the value reaches etcdctl on its stdin, the key as one argument, never through a shell.
 */
import type { Argv, CommandModule } from 'yargs';
import { describeEncrypted } from '../codec/encryption.js';
import { hasProtobufMagic } from '../codec/envelope.js';
import { isJsonObject, type JsonObject } from '../codec/value.js';
import type { EtcdConnection } from '../etcd/connect.js';
import { parseRangeResponse, type KeyValue } from '../etcd/etcdctl-json.js';
import { builtinResourceTypes, resourceKeyRange } from '../etcd/key-layout.js';
import { parseJsonExact } from '../render/json-parse.js';
import { confirmWrite, withClusterOptions, withEtcd, withWriteOptions, type ClusterArgs, type WriteArgs } from './cluster-options.js';
import { ExitCode, UserError } from './exit-codes.js';
import { readInputFile, warn, writeStdout } from './io.js';

interface PutArgs extends ClusterArgs, WriteArgs {
  /** The key (not `key`: that is the client key flag). */
  target?: string;
  filename: string;
}

function metadataField(object: JsonObject, field: string): string | undefined {
  const metadata = object['metadata'];
  const value = isJsonObject(metadata) ? metadata[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The key the API server would store a built-in object under, from its apiVersion, kind, namespace and name. */
function keyOfObject(keyPrefix: string, object: JsonObject): string {
  const apiVersion = String(object['apiVersion'] ?? '');
  const kind = String(object['kind'] ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const type = builtinResourceTypes.find((t) => t.kind === kind && t.group === group);
  const name = metadataField(object, 'name');
  if (type === undefined) throw new UserError(`cannot tell the key of a ${apiVersion} ${kind}: give KEY`, ExitCode.usage);
  if (name === undefined) throw new UserError('the object has no metadata.name: give KEY, or name the object', ExitCode.usage);
  const namespace = metadataField(object, 'namespace');
  if (type.namespaced && namespace === undefined) throw new UserError(`a ${kind} is namespaced and the object has no metadata.namespace: give KEY, or set it`, ExitCode.usage);
  return resourceKeyRange(keyPrefix, type, { name, ...(namespace !== undefined ? { namespace } : {}) }).key;
}

async function currentValue(connection: EtcdConnection, key: string, signal: AbortSignal): Promise<KeyValue | undefined> {
  const { stdout } = await connection.etcdctl(['get', '-w', 'json', '--', key], { signal });
  return parseRangeResponse(stdout.toString('utf8')).kvs[0];
}

function revisionOf(putResponse: Buffer): string {
  const parsed = parseJsonExact(putResponse.toString('utf8'));
  const header = isJsonObject(parsed) ? parsed['header'] : undefined;
  return String((isJsonObject(header) ? header['revision'] : undefined) ?? 'unknown');
}

export const putCommand: CommandModule<object, PutArgs> = {
  command: 'put [target]',
  describe: 'Write a YAML or JSON object to etcd, encoded as the API server stores it (asks first)',
  builder: (yargs: Argv) => withWriteOptions(withClusterOptions(yargs
    .positional('target', { type: 'string', describe: 'the key to write (default: where the API server keeps the object)' })
    .option('filename', { alias: 'f', type: 'string', demandOption: true, describe: 'YAML or JSON file holding one object (- for stdin)' })
    .example('kubectl etcd put -f web.yaml', 'write a Deployment to /registry/deployments/<namespace>/web')
    .example('kubectl etcd put /registry/stable.example.com/crontabs/shop/nightly -f ct.yaml --yes', 'write a custom resource, without asking'))) as unknown as Argv<PutArgs>,
  handler: async (args) => {
    // The YAML parser and the encoder load only for a write, not for every command.
    const [{ encodeStoredValue }, { parseObjectDocument }] = await Promise.all([import('../codec/encode.js'), import('../codec/object-input.js')]);
    const source = args.filename === '-' ? 'stdin' : args.filename;
    const object = await (async () => {
      const text = (await readInputFile(args.filename)).toString('utf8');
      try {
        return parseObjectDocument(text, source);
      } catch (error) {
        throw new UserError((error as Error).message, ExitCode.error);
      }
    })();
    let value: Uint8Array;
    try {
      value = encodeStoredValue(object);
    } catch (error) {
      throw new UserError(`cannot encode ${source}: ${(error as Error).message}`, ExitCode.error);
    }
    await withEtcd(args, async (connection, signal) => {
      const key = args.target ?? keyOfObject(connection.keyPrefix, object);
      const existing = await currentValue(connection, key, signal);
      const encoding = hasProtobufMagic(value) ? 'protobuf' : 'JSON';
      const action = existing === undefined ? `create ${key}` : `replace ${key} (revision ${existing.modRevision}, ${existing.value.length} bytes)`;
      if (existing !== undefined && describeEncrypted(existing.value) !== undefined) {
        warn(`${key} holds a value encrypted at rest; this writes it unencrypted`);
      }
      await confirmWrite(args, `${action} with ${value.length} bytes of ${encoding}`);
      const { stdout } = await connection.etcdctl(['put', '-w', 'json', '--', key], { stdin: value, signal });
      await writeStdout(`${key} written (${value.length} bytes, revision ${revisionOf(stdout)})\n`);
    });
  },
};
