/** What a request asks for, in the API server's terms (its RequestInfoFactory, core group only). */

export interface ResourceRequest {
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export type RequestInfo = { kind: 'path'; path: string } | ({ kind: 'resource' } & ResourceRequest);

const ITEM_VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
const COLLECTION_VERBS: Record<string, string> = { ...ITEM_VERBS, GET: 'list', HEAD: 'list', DELETE: 'deletecollection' };

function isWatch(query: URLSearchParams): boolean {
  const watch = query.get('watch');
  return watch !== null && watch !== 'false' && watch !== '0';
}

export function requestInfoOf(method: string, url: URL): RequestInfo {
  const parts = url.pathname.split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (parts[0] !== 'api' || parts[1] !== 'v1' || parts.length < 3) return { kind: 'path', path: url.pathname };
  let rest = parts.slice(2);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  if (rest.length > 3) return { kind: 'path', path: url.pathname };
  // `/api/v1/namespaces/{name}` addresses the namespace object itself, which is also the request's namespace.
  if (parts[2] === 'namespaces' && parts.length === 4) {
    const name = parts[3] as string;
    return { kind: 'resource', verb: ITEM_VERBS[method] ?? method.toLowerCase(), resource: 'namespaces', namespace: name, name };
  }
  const verbs = name === undefined ? COLLECTION_VERBS : ITEM_VERBS;
  let verb = verbs[method] ?? method.toLowerCase();
  if (name === undefined && verb === 'list' && isWatch(url.searchParams)) verb = 'watch';
  return {
    kind: 'resource',
    verb,
    resource,
    ...(subresource === undefined ? {} : { subresource }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  };
}
