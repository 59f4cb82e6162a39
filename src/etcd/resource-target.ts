/**
 * What a command line names: a key (`/registry/...`), a key prefix (with --prefix), or objects of a resource as
 * kubectl names them (`deploy`, `deploy/web`, `pods -A`, `crontabs.stable.example.com`), mapped to the key or key
 * prefix they are stored under. Custom resources are looked up through their CRDs in etcd. One resolver for every
 * command, so `get`, `watch`, `history` and `diff` read the same words the same way.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { decodeStoredValue } from '../codec/stored-value.js';
import type { KeyValue } from './etcdctl-json.js';
import {
  crdKey, crdKeyPrefix, namesResourceType, normalizePrefix, resolveResourceName, resourceKeyRange, resourceTypeFromCrd,
  type ResourceType,
} from './key-layout.js';
import { prefixEnd, readKey, type KeyValueSource } from './key-value-source.js';

export interface TargetRequest {
  readonly target: string;
  readonly name?: string;
  readonly prefix?: boolean;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  /**
   * The namespace when none is given (kubectl's: the kubeconfig context's), asked only when a namespaced resource
   * needs one; DEFAULT_NAMESPACE without it.
   */
  readonly defaultNamespace?: () => Promise<string>;
}

export interface KeyTarget {
  readonly key: string;
  /** One key; otherwise every key starting with `key`. */
  readonly exact: boolean;
  /** For messages: `deployments.apps "web" in namespace shop`, `key /registry/x`, `keys under /registry/pods/`. */
  readonly what: string;
  /** Objects of a resource: finding none is not an error, and this is what kubectl says then. */
  readonly emptyListing?: string;
  /** The word named no resource type and is being tried as a key (only with `guessKeys`). */
  readonly guessedKey?: boolean;
}

export interface ResolveOptions {
  readonly signal?: AbortSignal;
  /** Read a word that names no resource type as a key (`get compact_rev_key`) instead of failing. */
  readonly guessKeys?: boolean;
}

export const DEFAULT_NAMESPACE = 'default';

const namingHint = 'keys start with /, e.g. /registry/pods/default/web; resources are named as in kubectl (pods, deploy/web, crontabs.stable.example.com)';

/** The resource a CRD stored under `kv` defines. */
function crdResourceType(kv: KeyValue): ResourceType | undefined {
  const decoded = decodeStoredValue(kv.value, { key: kv.key.toString('utf8') });
  return decoded.status === 'decoded' ? resourceTypeFromCrd(decoded.object) : undefined;
}

/** A custom resource type, from its CRD in etcd: by `<plural>.<group>`, or by any of its names among all CRDs. */
async function customResourceType(source: KeyValueSource, keyPrefix: string, name: string, group: string | undefined, signal?: AbortSignal): Promise<ResourceType | undefined> {
  if (group !== undefined) {
    const crd = await readKey(source, Buffer.from(crdKey(keyPrefix, name, group)), { signal });
    return crd === undefined ? undefined : crdResourceType(crd);
  }
  const start = Buffer.from(crdKeyPrefix(keyPrefix));
  for await (const page of source.range({ key: start, rangeEnd: prefixEnd(start) }, signal ? { signal } : {})) {
    for (const kv of page.kvs) {
      const type = crdResourceType(kv);
      if (type !== undefined && namesResourceType(type, name)) return type;
    }
  }
  return undefined;
}

function keyTarget(key: string, prefix: boolean, guessed = false): KeyTarget {
  return prefix ? { key, exact: false, what: `keys under ${key}`, guessedKey: guessed } : { key, exact: true, what: `key ${key}`, guessedKey: guessed };
}

function qualifiedResource(type: ResourceType): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

/** The namespace objects of `type` are read from: none for cluster-scoped resources and with -A. */
async function namespaceOf(type: ResourceType, request: TargetRequest): Promise<string | undefined> {
  if (!type.namespaced || request.allNamespaces === true) return undefined;
  return request.namespace ?? (request.defaultNamespace === undefined ? DEFAULT_NAMESPACE : await request.defaultNamespace());
}

async function resourceTarget(keyPrefix: string, type: ResourceType, request: TargetRequest, name: string | undefined): Promise<KeyTarget> {
  if (name !== undefined && request.allNamespaces === true) {
    throw new UserError('a resource cannot be named across all namespaces', ExitCode.usage);
  }
  const namespace = await namespaceOf(type, request);
  const { key, exact } = resourceKeyRange(keyPrefix, type, { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) });
  const where = namespace === undefined ? '' : ` in namespace ${namespace}`;
  if (exact) return { key, exact, what: `${qualifiedResource(type)} "${name}"${where}` };
  return { key, exact, what: `${qualifiedResource(type)}${where}`, emptyListing: namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.` };
}

export async function resolveKeyTarget(source: KeyValueSource, keyPrefix: string, request: TargetRequest, options: ResolveOptions = {}): Promise<KeyTarget> {
  const { target } = request;
  if (target.startsWith('/') || request.prefix === true) {
    if (request.name !== undefined) throw new UserError(`a key takes no NAME (got ${request.name}); give the whole key`, ExitCode.usage);
    if (request.namespace !== undefined || request.allNamespaces === true) {
      throw new UserError('-n/--namespace and -A/--all-namespaces select objects of a resource, not keys', ExitCode.usage);
    }
    return keyTarget(target, request.prefix === true);
  }
  const slash = target.indexOf('/');
  if (slash > 0 && request.name !== undefined) throw new UserError(`there is no need to give a NAME when using TYPE/NAME (${target})`, ExitCode.usage);
  const name = slash > 0 ? target.slice(slash + 1) : request.name;
  const resolved = resolveResourceName(slash > 0 ? target.slice(0, slash) : target);
  if (resolved.kind === 'builtin') return resourceTarget(keyPrefix, resolved.type, request, name);
  const group = resolved.kind === 'custom' ? resolved.group : undefined;
  const custom = await customResourceType(source, keyPrefix, resolved.name, group, options.signal);
  if (custom !== undefined) return resourceTarget(keyPrefix, custom, request, name);
  if (group !== undefined) {
    throw new UserError(
      `no CustomResourceDefinition ${resolved.name}.${group} in etcd (looked at ${crdKey(keyPrefix, resolved.name, group)})`,
      ExitCode.error,
      `read its keys directly: kubectl etcd get ${normalizePrefix(keyPrefix)}/${group}/${resolved.name}/ --prefix`,
    );
  }
  if (options.guessKeys === true) return keyTarget(target, false, true);
  throw new UserError(`"${target}" is neither a resource type known to etcd nor a key`, ExitCode.error, namingHint);
}

/** The same, for commands that read one key: a prefix or a list of objects is a usage error. */
export async function resolveOneKey(source: KeyValueSource, keyPrefix: string, request: TargetRequest, options: ResolveOptions = {}): Promise<KeyTarget> {
  const target = await resolveKeyTarget(source, keyPrefix, request, options);
  if (!target.exact) throw new UserError(`${target.what} names several keys: name one object (TYPE/NAME) or one key`, ExitCode.usage);
  return target;
}
