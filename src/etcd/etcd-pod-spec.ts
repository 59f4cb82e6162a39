/**
 * What an etcd pod's spec says about reaching its member: the client certificate (the etcd container's
 * --trusted-ca-file/--cert-file/--key-file, the ETCDCTL_* environment OpenShift gives its etcdctl container, or the
 * certificate files mounted one by one as RKE2 does when etcd reads a --config-file) and the client URL.
 */
import type { ContainerJson, PodJson } from '../kube/pods.js';
import { etcdServerContainer } from '../kube/pods.js';

/** Paths inside the container etcdctl runs in. */
export interface ClientTlsPaths {
  readonly cacert: string | undefined;
  readonly cert: string | undefined;
  readonly key: string | undefined;
}

export interface MemberClientConfig {
  /** TLS flags to add; all undefined when etcdctl reads them from its environment or etcd speaks plain HTTP. */
  readonly tls: ClientTlsPaths;
  /** Where the certificates came from, for -v. */
  readonly tlsSource: string;
  /** --endpoints to add; undefined when the environment sets ETCDCTL_ENDPOINTS. */
  readonly endpoint: string | undefined;
  readonly endpointSource: string;
}

const NO_TLS: ClientTlsPaths = { cacert: undefined, cert: undefined, key: undefined };

/** Each word of the container's command and args; a shell script (`sh -c "... exec etcd --flag=x"`) split into its words. */
export function commandWords(container: ContainerJson): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])]
    .flatMap((arg) => arg.split(/\s+/))
    .map((word) => word.replace(/^["']|["';]$/g, ''))
    .filter((word) => word !== '' && word !== '\\');
}

/** The value of `--name=value`, `-name=value` or `--name value`; undefined when absent or a shell variable. */
export function flagValue(words: readonly string[], name: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const match = /^--?([\w-]+)(?:=(.*))?$/.exec(word);
    if (!match || match[1] !== name) continue;
    const value = match[2] ?? words[i + 1];
    return value === undefined || value.includes('$') ? undefined : value;
  }
  return undefined;
}

function envValue(container: ContainerJson, name: string): string | undefined {
  const value = container.env?.find((e) => e.name === name)?.value;
  return value === '' ? undefined : value;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** The URL a member tells the others and its clients to use, when its etcd container's flags say. */
export function advertisedClientUrl(pod: PodJson): string | undefined {
  const server = etcdServerContainer(pod);
  return server ? (flagValue(commandWords(server), 'advertise-client-urls') ?? '').split(',').find((u) => /^https?:\/\//.test(u)) : undefined;
}

/** The URL to reach a member from inside its own pod: a loopback listen URL, else the advertised one. */
export function clientUrlFromFlags(words: readonly string[]): string | undefined {
  const urls = (name: string) =>
    (flagValue(words, name) ?? '')
      .split(',')
      .filter((u) => /^https?:\/\//.test(u))
      .map((u) => u.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:'));
  const listen = urls('listen-client-urls');
  return listen.find((u) => LOOPBACK.test(new URL(u).hostname)) ?? urls('advertise-client-urls')[0] ?? listen[0];
}

function tlsFromFlags(words: readonly string[]): ClientTlsPaths | undefined {
  const tls = { cacert: flagValue(words, 'trusted-ca-file'), cert: flagValue(words, 'cert-file'), key: flagValue(words, 'key-file') };
  return tls.cacert || tls.cert || tls.key ? tls : undefined;
}

/** RKE2 mounts each certificate file on its own: pick the CA and the client pair among them, never the peer ones. */
export function tlsFromMountedFiles(container: ContainerJson): ClientTlsPaths | undefined {
  const files = (container.volumeMounts ?? []).map((m) => m.mountPath).filter((p) => /\.(crt|key)$/.test(p) && !/peer/.test(p.slice(p.lastIndexOf('/'))));
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const cacert = files.find((p) => /(^|-)ca\.crt$/.test(base(p)));
  const cert = files.find((p) => p.endsWith('.crt') && p !== cacert && /client|server/.test(base(p)));
  const key = cert ? files.find((p) => p === cert.replace(/\.crt$/, '.key')) : undefined;
  return cacert && cert && key ? { cacert, cert, key } : undefined;
}

/** How to run etcdctl against the member in `pod`, from the spec alone. `apiserverEtcdServers` is the fallback URL. */
export function memberClientConfig(pod: PodJson, execContainer: ContainerJson, apiserverEtcdServers: string | undefined): MemberClientConfig {
  const server = etcdServerContainer(pod);
  const words = server ? commandWords(server) : [];
  const serverName = server ? `container ${server.name}` : 'the etcd container';

  const envTls = ['ETCDCTL_CACERT', 'ETCDCTL_CERT', 'ETCDCTL_KEY'].some((name) => envValue(execContainer, name) !== undefined);
  const flagTls = tlsFromFlags(words);
  const mountedTls = server && !flagTls ? tlsFromMountedFiles(server) : undefined;
  const [tls, tlsSource] = envTls
    ? [NO_TLS, `the ETCDCTL_* environment of container ${execContainer.name}`]
    : flagTls
      ? [flagTls, `the --trusted-ca-file/--cert-file/--key-file flags of ${serverName}`]
      : mountedTls
        ? [mountedTls, `the certificate files mounted into ${serverName}`]
        : [NO_TLS, `nowhere: ${serverName} names no client certificates (plain HTTP?)`];

  const envEndpoint = envValue(execContainer, 'ETCDCTL_ENDPOINTS');
  const flagEndpoint = clientUrlFromFlags(words);
  const apiserverEndpoint = apiserverEtcdServers?.split(',')[0];
  const [endpoint, endpointSource] = envEndpoint
    ? [undefined, `ETCDCTL_ENDPOINTS of container ${execContainer.name}`]
    : flagEndpoint
      ? [flagEndpoint, `the client URL flags of ${serverName}`]
      : apiserverEndpoint
        ? [apiserverEndpoint, "the --etcd-servers flag of this node's kube-apiserver"]
        : ['https://127.0.0.1:2379', "etcd's default client URL"];
  return { tls, tlsSource, endpoint, endpointSource };
}
