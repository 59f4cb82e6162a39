/**
 * Which API server to talk to and as whom, resolved as kubectl resolves it: --kubeconfig (that file only), else
 * the KUBECONFIG list (missing files skipped; for every name and for current-context the first file that sets it
 * wins), else ~/.kube/config, else the in-cluster service account. --context picks another context.
 * Plain files, tokens and client certificates are handled here without loading @kubernetes/client-node; only users
 * with an exec plugin or an auth-provider load the part of it that runs those. The namespace a command reads when
 * -n is not given is resolved here too, from the same files.
 */
// node:fs's callbacks, not node:fs/promises: the launcher reads the kubeconfig before the first request of a run, and
// loading node:fs/promises would put 2-3 ms in front of it.
import { readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';
import { readSimpleKubeconfig } from './kubeconfig-yaml.js';
import { PROXY_SCHEMES } from './proxy-env.js';

const readFile = promisify(readFileCallback);
const stat = promisify(statCallback);

type Json = Record<string, unknown>;

/** One kubeconfig file as read, with the folder its relative paths are resolved against. */
export interface KubeconfigFile {
  readonly path: string;
  readonly document: Json;
}

interface Named {
  readonly name: string;
  readonly value: Json;
  /** Folder of the file that defined it. */
  readonly dir: string;
}

/** The files merged as kubectl merges them. */
export interface MergedKubeconfig {
  readonly files: readonly string[];
  readonly currentContext: string | undefined;
  readonly contexts: ReadonlyMap<string, Named>;
  readonly clusters: ReadonlyMap<string, Named>;
  readonly users: ReadonlyMap<string, Named>;
}

/** Everything needed to send a request to the API server. */
export interface ApiServerAccess {
  /** https://host:port, with any path prefix the cluster's server URL has, without a trailing slash. */
  readonly server: string;
  readonly ca: Buffer | undefined;
  readonly cert: Buffer | undefined;
  readonly key: Buffer | undefined;
  readonly servername: string | undefined;
  readonly rejectUnauthorized: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** The cluster's proxy-url (http, https or socks5, possibly with credentials: never print it); it carries every
   * request. Undefined: HTTPS_PROXY, HTTP_PROXY and NO_PROXY decide, as for kubectl. */
  readonly proxyUrl: string | undefined;
  /** For -v: `context "admin@kubernetes" from /root/.kube/config`, or `in-cluster service account`. */
  readonly description: string;
}

export interface KubeconfigOptions {
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
  /** false: a user whose credentials come from an exec plugin or auth-provider is an error instead (no side effects). */
  readonly runPlugins?: boolean;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function namedEntries(document: Json, listName: string, itemName: string): { name: string; value: Json }[] {
  const list = document[listName];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (!isObject(entry) || typeof entry.name !== 'string') return [];
    const value = entry[itemName];
    return [{ name: entry.name, value: isObject(value) ? value : {} }];
  });
}

/** kubectl's merge: for each name, and for current-context, the first file that sets it wins. */
export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const contexts = new Map<string, Named>();
  const clusters = new Map<string, Named>();
  const users = new Map<string, Named>();
  let currentContext: string | undefined;
  for (const file of files) {
    const dir = dirname(file.path);
    currentContext ??= text(file.document['current-context']);
    for (const [target, list, item] of [
      [contexts, 'contexts', 'context'],
      [clusters, 'clusters', 'cluster'],
      [users, 'users', 'user'],
    ] as const) {
      for (const { name, value } of namedEntries(file.document, list, item)) {
        if (!target.has(name)) target.set(name, { name, value, dir });
      }
    }
  }
  return { files: files.map((f) => f.path), currentContext, contexts, clusters, users };
}

/** The kubeconfig files kubectl would read, in order; `required` ones must exist. */
export function kubeconfigPaths(options: KubeconfigOptions, env: NodeJS.ProcessEnv, home: string): { paths: string[]; required: boolean } {
  if (options.kubeconfig) return { paths: [options.kubeconfig], required: true };
  const list = env.KUBECONFIG;
  if (list) {
    const paths = [...new Set(list.split(delimiter).filter((p) => p !== ''))];
    return { paths, required: false };
  }
  return { paths: [join(home, '.kube', 'config')], required: false };
}

async function parseKubeconfig(path: string, content: string): Promise<Json> {
  const trimmed = content.trimStart();
  let document: unknown;
  try {
    // JSON kubeconfigs and YAML ones in the usual block style do without loading the full YAML parser.
    document = trimmed.startsWith('{') ? JSON.parse(trimmed) : (readSimpleKubeconfig(content) ?? (await import('./yaml-document.js')).parseYaml(content));
  } catch (error) {
    throw new ClusterError(`cannot read kubeconfig ${path}: ${(error as Error).message.split('\n')[0]}`, ExitCode.error);
  }
  if (document === null || document === undefined) return {};
  if (!isObject(document)) throw new ClusterError(`cannot read kubeconfig ${path}: not a kubeconfig (a YAML mapping)`, ExitCode.error);
  return document;
}

async function readKubeconfigFiles(paths: readonly string[], required: boolean): Promise<KubeconfigFile[]> {
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path: resolve(path), content: await readFile(path, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!required && code === 'ENOENT') return undefined;
        throw new ClusterError(`cannot read kubeconfig ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, ExitCode.error);
      }
    }),
  );
  return Promise.all(files.flatMap((file) => (file ? [parseKubeconfig(file.path, file.content).then((document) => ({ path: file.path, document }))] : [])));
}

async function fileOrData(base: string, path: unknown, data: unknown, what: string): Promise<Buffer | undefined> {
  const inline = text(data);
  if (inline) return Buffer.from(inline, 'base64');
  const file = text(path);
  if (!file) return undefined;
  const full = isAbsolute(file) ? file : join(base, file);
  try {
    return await readFile(full);
  } catch (error) {
    throw new ClusterError(`cannot read the ${what} ${full} named in the kubeconfig: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, ExitCode.error);
  }
}

function serverUrl(server: string | undefined, where: string): string {
  if (!server) throw new ClusterError(`${where} names no API server (cluster.server is empty)`, ExitCode.error);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new ClusterError(`${where}: the API server address ${JSON.stringify(server)} is not a URL`, ExitCode.error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClusterError(`${where}: the API server address ${server} is neither https nor http`, ExitCode.error);
  }
  return url.href.replace(/\/+$/, '');
}

/** The cluster's proxy-url, checked as client-go checks it; errors never repeat the value (it may hold a password). */
function proxyUrl(value: string | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClusterError(`${where}: proxy-url is not a URL`, ExitCode.error);
  }
  if (!PROXY_SCHEMES.has(url.protocol)) {
    throw new ClusterError(`${where}: proxy-url has the scheme "${url.protocol.slice(0, -1)}"; kubectl takes only http, https and socks5 proxies`, ExitCode.error);
  }
  if (url.hostname === '') throw new ClusterError(`${where}: proxy-url names no host`, ExitCode.error);
  return url.href;
}

/** Credentials from an exec plugin or auth-provider, run by @kubernetes/client-node (loaded only for these users). */
async function pluginCredentials(user: Named): Promise<{ headers: Record<string, string>; cert?: Buffer; key?: Buffer }> {
  const options: { headers?: Record<string, string>; cert?: string | Buffer; key?: string | Buffer } = { headers: {} };
  try {
    if (isObject(user.value.exec)) {
      const { ExecAuth } = await import('@kubernetes/client-node/dist/exec_auth.js');
      await new ExecAuth().applyAuthentication({ name: user.name, exec: user.value.exec } as never, options as never);
    } else {
      const { KubeConfig } = await import('@kubernetes/client-node/dist/config.js');
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [{ name: 'cluster', server: 'https://unused.invalid' }],
        users: [{ name: user.name, authProvider: user.value['auth-provider'] }],
        contexts: [{ name: 'context', cluster: 'cluster', user: user.name }],
        currentContext: 'context',
      });
      await config.applyToHTTPSOptions(options as never);
    }
  } catch (error) {
    throw new ClusterError(`getting credentials for user ${JSON.stringify(user.name)} failed: ${(error as Error).message}`, ExitCode.unreachable);
  }
  return {
    headers: options.headers ?? {},
    ...(options.cert ? { cert: Buffer.from(options.cert) } : {}),
    ...(options.key ? { key: Buffer.from(options.key) } : {}),
  };
}

async function userCredentials(user: Named | undefined, runPlugins: boolean): Promise<{ headers: Record<string, string>; cert?: Buffer; key?: Buffer }> {
  if (!user) return { headers: {} };
  const value = user.value;
  const cert = await fileOrData(user.dir, value['client-certificate'], value['client-certificate-data'], 'client certificate');
  const key = await fileOrData(user.dir, value['client-key'], value['client-key-data'], 'client key');
  const tokenFile = text(value.tokenFile);
  const token = text(value.token) ?? (tokenFile ? (await fileOrData(user.dir, tokenFile, undefined, 'token file'))?.toString('utf8').trim() : undefined);
  const username = text(value.username);
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (username) headers.Authorization = `Basic ${Buffer.from(`${username}:${text(value.password) ?? ''}`).toString('base64')}`;
  const needsPlugin = isObject(value.exec) || isObject(value['auth-provider']);
  if (needsPlugin && !runPlugins) throw new ClusterError(`user ${JSON.stringify(user.name)} gets credentials from a plugin`, ExitCode.error);
  const plugin = needsPlugin ? await pluginCredentials(user) : undefined;
  return {
    headers: { ...headers, ...plugin?.headers },
    ...((plugin?.cert ?? cert) ? { cert: plugin?.cert ?? cert } : {}),
    ...((plugin?.key ?? key) ? { key: plugin?.key ?? key } : {}),
  };
}

/** Access for one context of merged kubeconfig files. */
export async function accessFromKubeconfig(merged: MergedKubeconfig, contextFlag: string | undefined, runPlugins = true): Promise<ApiServerAccess> {
  const files = merged.files.join(', ');
  const contextName = contextFlag ?? merged.currentContext;
  if (!contextName) {
    throw new ClusterError(`no current context in ${files}`, ExitCode.error, 'pick one with --context NAME, or set one with `kubectl config use-context NAME`');
  }
  const context = merged.contexts.get(contextName);
  if (!context) {
    const known = [...merged.contexts.keys()];
    throw new ClusterError(
      `context "${contextName}" is not in ${files}`,
      ExitCode.error,
      known.length > 0 ? `contexts there: ${known.join(', ')}` : 'that kubeconfig has no contexts',
    );
  }
  const clusterName = text(context.value.cluster);
  const cluster = clusterName ? merged.clusters.get(clusterName) : undefined;
  if (!cluster) throw new ClusterError(`context "${contextName}" names cluster "${clusterName ?? ''}", which is not in ${files}`, ExitCode.error);
  const userName = text(context.value.user);
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) throw new ClusterError(`context "${contextName}" names user "${userName}", which is not in ${files}`, ExitCode.error);
  const credentials = await userCredentials(user, runPlugins);
  return {
    server: serverUrl(text(cluster.value.server), `cluster "${cluster.name}"`),
    ca: await fileOrData(cluster.dir, cluster.value['certificate-authority'], cluster.value['certificate-authority-data'], 'certificate authority'),
    cert: credentials.cert,
    key: credentials.key,
    servername: text(cluster.value['tls-server-name']),
    rejectUnauthorized: cluster.value['insecure-skip-tls-verify'] !== true,
    headers: credentials.headers,
    proxyUrl: proxyUrl(text(cluster.value['proxy-url']), `cluster "${cluster.name}"`),
    description: `context "${contextName}" from ${files}`,
  };
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

async function inClusterAccess(env: NodeJS.ProcessEnv, serviceAccountDir: string): Promise<ApiServerAccess | undefined> {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  const [token, ca] = await Promise.all([
    readFile(join(serviceAccountDir, 'token'), 'utf8').catch(() => undefined),
    readFile(join(serviceAccountDir, 'ca.crt')).catch(() => undefined),
  ]);
  if (token === undefined) return undefined;
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca,
    cert: undefined,
    key: undefined,
    servername: undefined,
    rejectUnauthorized: true,
    headers: { Authorization: `Bearer ${token.trim()}` },
    // In a pod, as for kubectl, only the environment names a proxy.
    proxyUrl: undefined,
    description: 'in-cluster service account',
  };
}

/** The API server and credentials kubectl would use with these flags in this environment. */
export async function resolveApiServerAccess(
  options: KubeconfigOptions,
  env: NodeJS.ProcessEnv = process.env,
  serviceAccountDir = SERVICE_ACCOUNT,
): Promise<ApiServerAccess> {
  const { paths, required } = kubeconfigPaths(options, env, env.HOME ?? homedir());
  const files = await readKubeconfigFiles(paths, required);
  if (files.length > 0) return accessFromKubeconfig(mergeKubeconfigs(files), options.context, options.runPlugins ?? true);
  const inCluster = options.context ? undefined : await inClusterAccess(env, serviceAccountDir);
  if (inCluster) return inCluster;
  throw new ClusterError(
    `no kubeconfig found (looked at ${paths.join(', ')}) and not running inside a pod`,
    ExitCode.unreachable,
    'point to one with --kubeconfig PATH or the KUBECONFIG variable',
  );
}

/** The namespace kubectl reads when -n is not given, and where it came from (for -v). */
export interface DefaultNamespace {
  readonly namespace: string;
  readonly from: string;
}

const DEFAULT_NAMESPACE = 'default';

/**
 * Inside a pod (kubectl's test: the service variables and a token file), the pod's namespace: POD_NAMESPACE (set
 * through the downward API), else the service account's namespace file, else `default`.
 */
async function podNamespace(env: NodeJS.ProcessEnv, serviceAccountDir: string): Promise<DefaultNamespace | undefined> {
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT) return undefined;
  const token = await stat(join(serviceAccountDir, 'token')).catch(() => undefined);
  if (token === undefined || token.isDirectory()) return undefined;
  if (env.POD_NAMESPACE) return { namespace: env.POD_NAMESPACE, from: 'POD_NAMESPACE' };
  const file = join(serviceAccountDir, 'namespace');
  const namespace = (await readFile(file, 'utf8').catch(() => '')).trim();
  return namespace ? { namespace, from: file } : { namespace: DEFAULT_NAMESPACE, from: `in a pod, and ${file} is empty or missing` };
}

/**
 * The namespace kubectl uses when -n is not given: the context's (--context, else current-context) `namespace`;
 * when the context sets none, or no kubeconfig names one, the pod's inside a pod; else `default`. Files only, no
 * request, and never an error: where kubectl would refuse the kubeconfig the answer is `default`, the reason in
 * `from`, so a command that needs no cluster (--snapshot) is not stopped by a kubeconfig it does not use.
 */
export async function resolveDefaultNamespace(
  options: KubeconfigOptions,
  env: NodeJS.ProcessEnv = process.env,
  serviceAccountDir = SERVICE_ACCOUNT,
): Promise<DefaultNamespace> {
  const byDefault = (why: string): DefaultNamespace => ({ namespace: DEFAULT_NAMESPACE, from: why });
  let merged: MergedKubeconfig;
  try {
    const { paths, required } = kubeconfigPaths(options, env, env.HOME ?? homedir());
    merged = mergeKubeconfigs(await readKubeconfigFiles(paths, required));
  } catch (error) {
    return byDefault((error as Error).message);
  }
  const files = merged.files.join(', ');
  const contextName = options.context ?? merged.currentContext;
  const context = contextName === undefined ? undefined : merged.contexts.get(contextName);
  if (contextName !== undefined && context === undefined) return byDefault(files === '' ? 'no kubeconfig' : `context "${contextName}" is not in ${files}`);
  const namespace = text(context?.value.namespace);
  if (namespace !== undefined) return { namespace, from: `context "${contextName}" in ${files}` };
  const inPod = await podNamespace(env, serviceAccountDir);
  if (inPod !== undefined) return inPod;
  return byDefault(context !== undefined ? `context "${contextName}" sets none` : files === '' ? 'no kubeconfig' : `no current context in ${files}`);
}
