/**
 * Completion values that are not fixed choices: resource names from the key layout, and, from the cluster the
 * words typed so far point to (--kubeconfig, --context, ...), etcd keys a path segment at a time, object names
 * and namespaces. Asking the cluster is bounded in time and in keys; when it fails, completion offers nothing
 * rather than an error in the middle of the user's command line.
 */
import type { ConnectOptions, EtcdConnection } from '../etcd/connect.js';
import { builtinResourceTypes, normalizePrefix, resolveResourceName, resourceKeyRange } from '../etcd/key-layout.js';
import { prefixEnd } from '../etcd/key-value-source.js';
import { Directive, noCompletion, withPrefix, type Completion, type CompletionContext, type ValueSource } from './completion-engine.js';

/** How long a TAB may wait for the cluster. */
const LIVE_DEADLINE_MS = 5000;
/** Keys read for one completion: the first ones under the prefix typed. */
const LIVE_KEY_LIMIT = 1000;
/** Flags and positionals whose values are local files: the shell completes them. */
const FILE_VALUES = new Set(['files', 'file', 'kubeconfig', 'encryption-config', 'filename']);

function flag(context: CompletionContext, name: string): string | undefined {
  const value = context.flags[name];
  return typeof value === 'string' ? value : undefined;
}

function connectOptions(context: CompletionContext, signal: AbortSignal): ConnectOptions {
  return {
    kubeconfig: flag(context, 'kubeconfig'),
    context: flag(context, 'context'),
    etcdNamespace: flag(context, 'etcd-namespace'),
    pod: flag(context, 'pod'),
    container: flag(context, 'container'),
    cacert: flag(context, 'cacert'),
    cert: flag(context, 'cert'),
    key: flag(context, 'key'),
    useApiserverCert: context.flags['use-apiserver-cert'] === true,
    etcdPrefix: flag(context, 'etcd-prefix'),
    signal,
  };
}

/** Runs `work` against the cluster the words name; undefined when it cannot be reached in time. */
async function fromCluster<T>(context: CompletionContext, work: (connection: EtcdConnection, keys: (prefix: string) => Promise<string[]>) => Promise<T>): Promise<T | undefined> {
  const signal = AbortSignal.timeout(LIVE_DEADLINE_MS);
  const [{ connectToEtcd }, { liveKeyValueSource }] = await Promise.all([import('../etcd/connect.js'), import('../etcd/live-source.js')]);
  let connection: EtcdConnection | undefined;
  try {
    connection = await connectToEtcd(connectOptions(context, signal));
    const source = liveKeyValueSource(connection);
    const keys = async (prefix: string): Promise<string[]> => {
      const key = Buffer.from(prefix, 'utf8');
      for await (const page of source.range({ key, rangeEnd: prefixEnd(key), keysOnly: true }, { pageSize: LIVE_KEY_LIMIT, signal })) {
        return page.kvs.map((kv) => kv.key.toString('utf8'));
      }
      return [];
    };
    return await work(connection, keys);
  } catch {
    return undefined;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** Keys under what is typed, cut after the next `/`: completing a key goes one path segment at a time. */
export function nextSegments(keys: readonly string[], typed: string): string[] {
  const segments = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(typed)) continue;
    const slash = key.indexOf('/', typed.length);
    segments.add(slash < 0 ? key : key.slice(0, slash + 1));
  }
  return [...segments];
}

function segmentCompletion(segments: readonly string[]): Completion {
  const directive = Directive.noFileComp | (segments.some((s) => s.endsWith('/')) ? Directive.noSpace : 0);
  return { candidates: segments.map((value) => ({ value })), directive };
}

async function liveKeys(context: CompletionContext): Promise<Completion> {
  const typed = context.current;
  const segments = await fromCluster(context, async (_connection, keys) => nextSegments(await keys(typed), typed));
  return segments ? segmentCompletion(segments) : noCompletion;
}

/** Resources as kubectl names them, by their plural (the form kubectl's own completion offers). */
export function resourceNames(): string[] {
  return [...new Set(builtinResourceTypes.map((type) => type.resource))].sort();
}

/** The namespace -n gives, else the kubeconfig context's, as the commands read it. */
async function namespaceOf(context: CompletionContext): Promise<string> {
  const typed = flag(context, 'namespace');
  if (typed !== undefined) return typed;
  const { resolveDefaultNamespace } = await import('../kube/kubeconfig.js');
  return (await resolveDefaultNamespace({ kubeconfig: flag(context, 'kubeconfig'), context: flag(context, 'context') })).namespace;
}

/** Names of the objects of a resource, in the namespace the flags say (else the kubeconfig context's), or in all with -A. */
async function objectNames(resource: string, context: CompletionContext, typedName: string, head = ''): Promise<Completion> {
  const resolved = resolveResourceName(resource);
  if (resolved.kind !== 'builtin') return noCompletion;
  const allNamespaces = context.flags['all-namespaces'] === true;
  const namespace = allNamespaces ? undefined : await namespaceOf(context);
  const names = await fromCluster(context, async (connection, keys) => {
    const range = resourceKeyRange(connection.keyPrefix, resolved.type, { namespace });
    return (await keys(range.key)).map((key) => key.slice(key.lastIndexOf('/') + 1));
  });
  return names ? withPrefix([...new Set(names)].map((name) => `${head}${name}`), `${head}${typedName}`) : noCompletion;
}

async function namespaces(context: CompletionContext): Promise<Completion> {
  const names = await fromCluster(context, async (connection, keys) => {
    const prefix = `${normalizePrefix(connection.keyPrefix)}/namespaces/`;
    return (await keys(prefix)).map((key) => key.slice(prefix.length));
  });
  return names ? withPrefix(names, context.current) : noCompletion;
}

/** The target of get, watch, history, diff (`<target> [name]`): a key (typed with its leading /), `resource/name`, or a resource. */
async function resourceOrKey(context: CompletionContext): Promise<Completion> {
  const { current } = context;
  if (current.startsWith('/')) return liveKeys(context);
  const slash = current.indexOf('/');
  if (slash > 0) return objectNames(current.slice(0, slash), context, current.slice(slash + 1), current.slice(0, slash + 1));
  return withPrefix(resourceNames(), current);
}

/** The value source the `__complete` command uses, by the name of the flag or positional being completed. */
export const clusterValueSource: ValueSource = async (name, context) => {
  if (FILE_VALUES.has(name)) return undefined;
  if (name === 'namespace') return namespaces(context);
  const command = context.path[context.path.length - 1];
  const namesObjects = command?.positionals.some((positional) => positional.name === 'name') === true;
  if (name === 'target' && namesObjects) return resourceOrKey(context);
  if (name === 'name' && namesObjects) return objectNames(context.positionals[0] ?? '', context, context.current);
  if (name === 'target' || name === 'prefix' || name === 'key') return liveKeys(context);
  return noCompletion;
};
