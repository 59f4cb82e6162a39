/**
 * Flags shared by the commands that show objects over time (watch, history, diff): which objects (a key, or a
 * resource with -n/-A), how to decrypt them, and whether diffs are coloured.
 */
import type { Argv } from 'yargs';
import type { KeyRing } from '../codec/encryption-config.js';
import type { TargetRequest } from '../etcd/resource-target.js';
import type { ColourMode } from '../render/colour.js';
import type { ClusterArgs } from './cluster-options.js';
import { contextNamespace, NAMESPACE_HELP } from './context-namespace.js';
import { ExitCode, UserError } from './exit-codes.js';

// A mirror of render/colour.ts's modes, so yargs can describe them without loading that module.
const colourModes: readonly ColourMode[] = ['auto', 'always', 'never'];

export interface ObjectArgs {
  target: string;
  name?: string;
  namespace?: string;
  'all-namespaces'?: boolean;
  'encryption-config'?: string;
  color: ColourMode;
}

export function withObjectOptions<T>(yargs: Argv<T>, targetHelp: string): Argv<T & ObjectArgs> {
  return yargs
    .positional('target', { type: 'string', demandOption: true, describe: targetHelp })
    .positional('name', { type: 'string', describe: 'the object name, with a resource type' })
    .option('namespace', { alias: 'n', type: 'string', describe: NAMESPACE_HELP })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'objects of a resource in every namespace' })
    .option('encryption-config', { type: 'string', describe: "the API server's EncryptionConfiguration, to decrypt values encrypted at rest" })
    .option('color', { choices: colourModes, default: 'auto' as ColourMode, describe: 'colour diffs: auto (on a terminal, unless NO_COLOR is set), always, never' }) as unknown as Argv<T & ObjectArgs>;
}

/** What the words name, for the resolver; without -n, the kubeconfig context's namespace. */
export function targetRequest(args: ObjectArgs & ClusterArgs & { prefix?: boolean }): TargetRequest {
  return { target: args.target, name: args.name, prefix: args.prefix, namespace: args.namespace, allNamespaces: args['all-namespaces'], defaultNamespace: contextNamespace(args) };
}

export async function readKeyRing(args: ObjectArgs): Promise<KeyRing | undefined> {
  const path = args['encryption-config'];
  return path === undefined ? undefined : (await import('../codec/encryption-config.js')).readEncryptionConfig(path);
}

/** A --rev value: a positive whole number. */
export function checkRevision(revision: number | undefined, flag = '--rev'): void {
  if (revision !== undefined && !(Number.isInteger(revision) && revision > 0)) throw new UserError(`${flag} must be a positive revision, not ${revision}`, ExitCode.usage);
}
