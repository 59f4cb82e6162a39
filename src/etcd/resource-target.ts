/**
 * What a command line names: a key (`/registry/...`), a key prefix (with --prefix), or objects of a resource as
 * kubectl names them (`deploy`, `deploy/web`, `pods -A`, `crontabs.stable.example.com`), mapped to the key or key
 * prefix they are stored under. Custom resources are looked up through their CRDs in etcd.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { decodeStoredValue } from '../codec/stored-value.js';
import type { KeyValue } from './etcdctl-json.js';
import { crdKey, crdKeyPrefix, namesResourceType, resolveResourceName, resourceKeyRange, resourceTypeFromCrd, type ResourceType } from './key-layout.js';
import { prefixEnd, type KeyValueSource } from './key-value-source.js';

export interface TargetRequest {
  readonly target: string;
  readonly name?: string;
  readonly prefix?: boolean;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
}

export interface KeyTarget {
  readonly key: string;
  /** One key; otherwise every key starting with `key`. */
  readonly exact: boolean;
  /** For messages: `deployments.apps "web" in namespace shop`, `key /registry/x`, `keys under /registry/pods/`. */
  readonly what: string;
}

export const DEFAULT_NAMESPACE = 'default';

function crdType(kv: KeyValue): ResourceType | undefined {
  const decoded = decodeStoredValue(kv.value, { key: kv.key.toString('utf8') });
  return decoded.status === 'decoded' ? resourceTypeFromCrd(decoded.object) : undefined;
}

/** A custom resource type from the CRDs in etcd: by `<plural>.<group>`, or by any of its names. */
async function customType(source: KeyValueSource, keyPrefix: string, name: string, group: string | undefined, signal?: AbortSignal): Promise<ResourceType | undefined> {
  const start = Buffer.from(group === undefined ? crdKeyPrefix(keyPrefix) : crdKey(keyPrefix, name, group));
  const range = group === undefined ? { key: start, rangeEnd: prefixEnd(start) } : { key: start };
  for await (const page of source.range(range, signal ? { signal } : {})) {
    for (const kv of page.kvs) {
      const type = crdType(kv);
      if (type !== undefined && (group !== undefined || namesResourceType(type, name))) return type;
    }
  }
  return undefined;
}

function objectsOf(keyPrefix: string, type: ResourceType, request: TargetRequest, name: string | undefined): KeyTarget {
  if (name !== undefined && request.allNamespaces === true) throw new UserError('a resource cannot be named across all namespaces', ExitCode.usage);
  const namespace = type.namespaced && request.allNamespaces !== true ? (request.namespace ?? DEFAULT_NAMESPACE) : undefined;
  const { key, exact } = resourceKeyRange(keyPrefix, type, { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) });
  const resource = type.group === '' ? type.resource : `${type.resource}.${type.group}`;
  const where = namespace === undefined ? '' : ` in namespace ${namespace}`;
  return { key, exact, what: exact ? `${resource} "${name}"${where}` : `${resource}${where}` };
}

export async function resolveKeyTarget(source: KeyValueSource, keyPrefix: string, request: TargetRequest, signal?: AbortSignal): Promise<KeyTarget> {
  const { target } = request;
  if (target.startsWith('/') || request.prefix === true) {
    if (request.name !== undefined) throw new UserError(`a key takes no NAME (got ${request.name}); give the whole key`, ExitCode.usage);
    if (request.namespace !== undefined || request.allNamespaces === true) throw new UserError('-n and -A select objects of a resource, not keys', ExitCode.usage);
    return request.prefix === true ? { key: target, exact: false, what: `keys under ${target}` } : { key: target, exact: true, what: `key ${target}` };
  }
  const slash = target.indexOf('/');
  if (slash > 0 && request.name !== undefined) throw new UserError(`there is no need to give a NAME when using TYPE/NAME (${target})`, ExitCode.usage);
  const name = slash > 0 ? target.slice(slash + 1) : request.name;
  const resolved = resolveResourceName(slash > 0 ? target.slice(0, slash) : target);
  if (resolved.kind === 'builtin') return objectsOf(keyPrefix, resolved.type, request, name);
  const group = resolved.kind === 'custom' ? resolved.group : undefined;
  const custom = await customType(source, keyPrefix, resolved.name, group, signal);
  if (custom !== undefined) return objectsOf(keyPrefix, custom, request, name);
  throw new UserError(`"${target}" is neither a resource type known to etcd nor a key`, ExitCode.error, 'keys start with /, e.g. /registry/pods/default/web; resources are named as in kubectl (pods, deploy/web, crontabs.stable.example.com)');
}

/** The same, for commands that read one key: a prefix or a list of objects is a usage error. */
export async function resolveOneKey(source: KeyValueSource, keyPrefix: string, request: TargetRequest, signal?: AbortSignal): Promise<KeyTarget> {
  const target = await resolveKeyTarget(source, keyPrefix, request, signal);
  if (!target.exact) throw new UserError(`${target.what} names several keys: name one object (TYPE/NAME) or one key`, ExitCode.usage);
  return target;
}
