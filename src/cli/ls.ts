/**
 * `kubectl etcd ls [PREFIX]`: the keyspace under a prefix as a tree (resource, namespace, name, ...) with the
 * number of keys and the bytes of their values per branch, read page by page at one revision.
 */
import type { Argv, CommandModule } from 'yargs';
import { normalizePrefix } from '../etcd/key-layout.js';
import { prefixEnd, type KeyValueSource } from '../etcd/key-value-source.js';
import { toKubectlJson } from '../render/json.js';
import { KeyTree, renderTree, treeObject } from '../render/tree.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeStdout } from './io.js';
import { withKeyValueSource, withSourceOptions, type SourceArgs } from './source-options.js';

export const treeFormats = ['tree', 'json'] as const;
export type TreeFormat = (typeof treeFormats)[number];

export const DEFAULT_DEPTH = 2;

/**
 * Counts every key under `prefix`. The tree's root is the prefix up to its last slash, so `/registry/po` shows
 * `pods/` and `podtemplates/` under `/registry/`.
 */
export async function keyTree(source: KeyValueSource, prefix: string, depth: number, signal?: AbortSignal): Promise<KeyTree> {
  const rootLength = prefix.lastIndexOf('/') + 1;
  const tree = new KeyTree(prefix.slice(0, rootLength), depth);
  const start = Buffer.from(prefix);
  for await (const page of source.range({ key: start, rangeEnd: prefixEnd(start) }, signal ? { signal } : {})) {
    for (const kv of page.kvs) tree.add(kv.key.toString('utf8').slice(rootLength), kv.value.length);
  }
  return tree;
}

interface LsArgs extends SourceArgs {
  prefix?: string;
  depth: number;
  output: TreeFormat;
}

export const lsCommand: CommandModule<object, LsArgs> = {
  command: 'ls [prefix]',
  describe: 'Show the keyspace as a tree, with the number of keys and bytes per branch',
  builder: (yargs: Argv) => withSourceOptions(yargs
    .positional('prefix', { type: 'string', describe: 'key prefix to show (default: the Kubernetes prefix, /registry/)' })
    .option('depth', { alias: 'd', type: 'number', default: DEFAULT_DEPTH, describe: 'levels of the tree shown below the prefix' })
    .option('output', { alias: 'o', choices: treeFormats, default: 'tree' as TreeFormat, describe: 'output format (json: exact counts and bytes)' })
    .example('kubectl etcd ls', 'resources and namespaces under /registry/')
    .example('kubectl etcd ls /registry/pods/ --depth 1', 'pods per namespace')) as unknown as Argv<LsArgs>,
  handler: async (args) => {
    if (!(Number.isInteger(args.depth) && args.depth >= 0)) throw new UserError(`--depth must be a whole number, not ${args.depth}`, ExitCode.usage);
    await withKeyValueSource(args, async (source, keyPrefix, signal) => {
      const prefix = args.prefix ?? `${normalizePrefix(keyPrefix)}/`;
      const tree = await keyTree(source, prefix, args.depth, signal);
      if (tree.root.keys === 0) throw new UserError(`no keys under ${prefix}`, ExitCode.error);
      await writeStdout(args.output === 'json' ? toKubectlJson(treeObject(tree.root)) : renderTree(tree.root));
    });
  },
};
