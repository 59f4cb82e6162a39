/** The REST side of the stand-in: discovery, version, and get/list/create/delete of the served resources. */
import type { ObjectMeta, Pod } from '../model.js';
import { coreResourceList, resourceTypeOf, type ResourceType } from './resources.js';
import type { ResourceRequest } from './request-info.js';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';
import {
  alreadyExists,
  badRequest,
  invalid,
  isStatus,
  methodNotAllowed,
  notAcceptable,
  notFound,
  pathNotFound,
  type Status,
} from './status.js';
import type { Store } from './store.js';
import { toTable, type IncludeObject } from './table.js';

export interface Reply {
  code: number;
  body: unknown;
}

function ok(body: unknown, code = 200): Reply {
  return { code, body };
}

export function fromStatus(status: Status): Reply {
  return { code: status.code ?? 500, body: { kind: 'Status', apiVersion: 'v1', ...status } };
}

/** The representation the client accepts first: a meta.k8s.io Table (its apiVersion), plain JSON, or none. */
export function negotiate(accept: string | undefined): { table?: string } | undefined {
  if (!accept) return {};
  for (const entry of accept.split(',')) {
    const [mediaType = '', ...parameterTexts] = entry.split(';').map((part) => part.trim());
    const parameters = Object.fromEntries(parameterTexts.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    if (mediaType !== 'application/json' && mediaType !== '*/*' && mediaType !== 'application/*') continue;
    if (parameters['as'] === undefined) return {};
    if (parameters['as'] === 'Table' && parameters['g'] === 'meta.k8s.io' && ['v1', 'v1beta1'].includes(parameters['v'] ?? '')) {
      return { table: `meta.k8s.io/${parameters['v']}` };
    }
  }
  return undefined;
}

export function versionInfo(gitVersion: string): unknown {
  const [major = '1', minor = '0'] = gitVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    gitVersion,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '',
    goVersion: '',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Legacy discovery (APIVersions, APIGroupList, APIResourceList), which clients fall back to from aggregated. */
export function discovery(path: string, serverAddress: string): Reply | undefined {
  switch (path) {
    case '/api':
      return ok({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] });
    case '/apis':
      return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    case '/api/v1':
      return ok(coreResourceList());
    default:
      return undefined;
  }
}

function key(metadata: ObjectMeta): string {
  return `${metadata.namespace ?? ''}/${metadata.name}`;
}

function withoutType<T extends object>(object: T): Omit<T, 'kind' | 'apiVersion'> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object as T & { kind?: unknown; apiVersion?: unknown };
  return rest;
}

interface ContinueToken {
  rv: string;
  start: string;
}

function decodeContinue(token: string): ContinueToken | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    return typeof parsed.start === 'string' ? { rv: String(parsed.rv), start: parsed.start } : undefined;
  } catch {
    return undefined;
  }
}

function encodeContinue(rv: string, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: `${lastKey}\u0000` })).toString('base64url');
}

/** The objects of one type a request selects, in etcd key order, one page of them when a limit is given. */
export function selectObjects<T extends { metadata: ObjectMeta }>(
  type: ResourceType<T>,
  store: Store,
  request: { namespace?: string },
  query: URLSearchParams,
): { items: T[]; metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } } | Status {
  let labels, fields;
  try {
    labels = parseLabelSelector(query.get('labelSelector'));
    fields = parseFieldSelector(query.get('fieldSelector'), type.fieldLabels);
  } catch (error) {
    if (error instanceof SelectorError) return badRequest(error.message);
    throw error;
  }
  const token = query.get('continue');
  const start = token ? decodeContinue(token) : undefined;
  if (token && !start) return badRequest('continue key is not valid: illegal base64 data at input byte 0');
  const matching = type
    .all(store.state)
    .filter((object) => request.namespace === undefined || object.metadata.namespace === request.namespace)
    .filter((object) => labels(object.metadata.labels) && fields(type.fields(object)))
    .sort((a, b) => (key(a.metadata) < key(b.metadata) ? -1 : 1))
    .filter((object) => !start || key(object.metadata) >= start.start);
  const limit = Number(query.get('limit') ?? 0);
  const resourceVersion = start?.rv ?? store.resourceVersion;
  if (!(limit > 0) || matching.length <= limit) return { items: matching, metadata: { resourceVersion } };
  const items = matching.slice(0, limit);
  const last = items[items.length - 1] as T;
  return {
    items,
    metadata: { resourceVersion, continue: encodeContinue(resourceVersion, key(last.metadata)), remainingItemCount: matching.length - limit },
  };
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function render<T extends { metadata: ObjectMeta }>(
  type: ResourceType<T>,
  objects: T[],
  listMetadata: { resourceVersion: string; continue?: string; remainingItemCount?: number },
  tableVersion: string | undefined,
  query: URLSearchParams,
): unknown {
  if (tableVersion) return toTable(type.table, objects, listMetadata, { apiVersion: tableVersion, include: includeObjectOf(query), now: Date.now() });
  return { kind: `${type.kind}List`, apiVersion: 'v1', metadata: listMetadata, items: objects.map(withoutType) };
}

function findObject<T extends { metadata: ObjectMeta }>(type: ResourceType<T>, store: Store, request: ResourceRequest): T | undefined {
  return type
    .all(store.state)
    .find((object) => object.metadata.name === request.name && (!type.namespaced || object.metadata.namespace === request.namespace));
}

function namespaceExists(store: Store, name: string): boolean {
  return store.state.namespaces.some((namespace) => namespace.metadata.name === name);
}

function validatePod(body: unknown, namespace: string): Pod | Status {
  if (typeof body !== 'object' || body === null) return badRequest('the body of the request was in an unknown format');
  const pod = body as Partial<Pod>;
  const metadata = (pod.metadata ?? {}) as Partial<ObjectMeta>;
  if (pod.kind !== undefined && pod.kind !== 'Pod') return badRequest(`the kind of the body, ${pod.kind}, is not Pod`);
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
    return badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const name = metadata.name ?? '';
  if (!name && !metadata['generateName']) return invalid('Pod', '', 'metadata.name', 'Required value: name or generateName is required');
  if (!Array.isArray(pod.spec?.containers) || pod.spec.containers.length === 0) {
    return invalid('Pod', name, 'spec.containers', 'Required value');
  }
  return { ...(pod as Pod), metadata: { ...metadata, name, namespace } };
}

async function createPod(store: Store, request: ResourceRequest, body: unknown): Promise<Reply> {
  const namespace = request.namespace ?? '';
  if (!namespaceExists(store, namespace)) return fromStatus(notFound('namespaces', namespace));
  const pod = validatePod(body, namespace);
  if (isStatus(pod)) return fromStatus(pod);
  if (pod.metadata.name && store.findPod(namespace, pod.metadata.name)) return fromStatus(alreadyExists('pods', pod.metadata.name));
  return ok(store.createPod(pod), 201);
}

/** Serves one authorized, non-streaming resource request. */
export async function serveResource(
  store: Store,
  request: ResourceRequest,
  query: URLSearchParams,
  accept: string | undefined,
  readBody: () => Promise<unknown>,
): Promise<Reply> {
  const type = resourceTypeOf(request.resource);
  if (!type || (request.subresource !== undefined && !(type.resource === 'pods' && request.subresource === 'status'))) {
    return fromStatus(pathNotFound());
  }
  const representation = negotiate(accept);
  if (!representation) return fromStatus(notAcceptable());
  switch (request.verb) {
    case 'list': {
      const selected = selectObjects(type, store, request, query);
      if (isStatus(selected)) return fromStatus(selected);
      return ok(render(type, selected.items, selected.metadata, representation.table, query));
    }
    case 'get': {
      const object = findObject(type, store, request);
      if (!object) return fromStatus(notFound(type.resource, request.name ?? ''));
      if (representation.table) return ok(render(type, [object], { resourceVersion: store.resourceVersion }, representation.table, query));
      return ok({ apiVersion: 'v1', kind: type.kind, ...withoutType(object) });
    }
    case 'create':
      if (type.resource !== 'pods' || request.subresource) return fromStatus(methodNotAllowed());
      return createPod(store, request, await readBody());
    case 'delete': {
      if (type.resource !== 'pods' || request.subresource) return fromStatus(methodNotAllowed());
      const entry = store.findPod(request.namespace ?? '', request.name ?? '');
      if (!entry) return fromStatus(notFound('pods', request.name ?? ''));
      return ok(await store.deletePod(entry));
    }
    default:
      return fromStatus(methodNotAllowed());
  }
}
