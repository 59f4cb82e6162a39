/**
 * Which proxy, if any, carries the connections to the API server, chosen as kubectl (client-go) chooses: the
 * kubeconfig cluster's proxy-url for every request, whatever the host; without one, the environment as Go's
 * net/http reads it (golang.org/x/net/http/httpproxy): HTTPS_PROXY for an https server, HTTP_PROXY for an http one,
 * except for localhost, loopback addresses and the hosts NO_PROXY names. Pure: the caller passes the environment.
 */
import { domainToASCII } from 'node:url';
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';
import { isLoopback, parseCidr, parseIp, prefixContains, sameIp, type IpAddress, type IpPrefix } from './ip-address.js';
import { noProxyVariable, PROXY_SCHEMES, proxyVariable } from './proxy-env.js';

export interface Proxy {
  /** http:, https: or socks5:, possibly with user info (never shown). */
  readonly url: URL;
  /** Where the setting came from: `proxy-url in the kubeconfig`, `HTTPS_PROXY`, `https_proxy`, ... */
  readonly from: string;
}

/** Through a proxy, or directly and why (for -v). */
export type ProxyChoice = { readonly proxy: Proxy } | { readonly direct: string };

/** The proxy as it may be shown: scheme, host and port, never the user name or password. */
export function proxyLabel(proxy: Proxy): string {
  return `${proxy.url.protocol}//${proxy.url.host} (${proxy.from})`;
}

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An environment value as Go reads it: a URL of a proxy scheme, else the value with `http://` in front (`host:3128`). */
export function parseProxyValue(value: string): URL | undefined {
  const url = urlOf(value);
  if (url !== undefined && PROXY_SCHEMES.has(url.protocol)) return url;
  return urlOf(`http://${value}`);
}

export type NoProxyRule =
  | { readonly kind: 'all'; readonly entry: string }
  | { readonly kind: 'prefix'; readonly entry: string; readonly prefix: IpPrefix }
  | { readonly kind: 'ip'; readonly entry: string; readonly address: IpAddress; readonly port: string }
  | { readonly kind: 'domain'; readonly entry: string; readonly suffix: string; readonly matchesItself: boolean; readonly port: string };

/** Go's net.SplitHostPort: `host:port` or `[host]:port`; undefined where Go reports an error. */
export function splitHostPort(text: string): { host: string; port: string } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined;
  let host: string;
  let after = 0;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0 || end + 1 !== colon) return undefined;
    host = text.slice(1, end);
    after = end + 1;
  } else {
    host = text.slice(0, colon);
    if (host.includes(':')) return undefined;
  }
  if (text.slice(text.startsWith('[') ? 1 : 0).includes('[') || text.slice(after).includes(']')) return undefined;
  return { host, port: text.slice(colon + 1) };
}

function asciiDomain(domain: string): string {
  // Only names with non-ASCII characters are converted; Go keeps the name when conversion fails.
  if ([...domain].every((character) => character.charCodeAt(0) < 0x80)) return domain;
  return domainToASCII(domain) || domain;
}

/** NO_PROXY's comma-separated entries as Go reads them; malformed ones are skipped, `*` stands for every host. */
export function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return [{ kind: 'all', entry }];
    const prefix = parseCidr(entry);
    if (prefix !== undefined) {
      rules.push({ kind: 'prefix', entry, prefix });
      continue;
    }
    const split = splitHostPort(entry);
    const host = split === undefined ? entry : split.host.replace(/^\[(.*)\]$/, '$1');
    const port = split?.port ?? '';
    if (host === '') continue;
    const address = parseIp(host);
    if (address !== undefined) {
      rules.push({ kind: 'ip', entry, address, port });
      continue;
    }
    // `*.example.com` and `.example.com` match below example.com; `example.com` matches it too.
    const name = host.startsWith('*.') ? host.slice(1) : host;
    const matchesItself = !name.startsWith('.');
    rules.push({ kind: 'domain', entry, suffix: `.${asciiDomain(matchesItself ? name : name.slice(1))}`, matchesItself, port });
  }
  return rules;
}

function ruleMatches(rule: NoProxyRule, name: string, port: string, address: IpAddress | undefined): boolean {
  switch (rule.kind) {
    case 'all':
      return true;
    case 'prefix':
      return address !== undefined && prefixContains(rule.prefix, address);
    case 'ip':
      return address !== undefined && sameIp(rule.address, address) && (rule.port === '' || rule.port === port);
    case 'domain':
      return (name.endsWith(rule.suffix) || (rule.matchesItself && name === rule.suffix.slice(1))) && (rule.port === '' || rule.port === port);
  }
}

/** Why Go sends a request to host:port without the environment's proxy, or undefined when it uses the proxy. */
export function bypassReason(host: string, port: string, rules: readonly NoProxyRule[], noProxyName = 'NO_PROXY'): string | undefined {
  if (host === 'localhost') return 'localhost is never proxied';
  const address = parseIp(host);
  if (address !== undefined && isLoopback(address)) return `${host} is a loopback address`;
  const name = host.trim().toLowerCase();
  const rule = rules.find((r) => ruleMatches(r, name, port, address));
  return rule === undefined ? undefined : `${noProxyName} entry "${rule.entry}" covers ${host}`;
}

/** The API server's host (IPv6 without brackets) and port, defaults filled in, as Go's canonicalAddr gives them. */
export function serverAddress(server: URL): { host: string; port: number } {
  const host = server.hostname.startsWith('[') ? server.hostname.slice(1, -1) : server.hostname;
  return { host, port: Number(server.port || (server.protocol === 'https:' ? 443 : 80)) };
}

/** How connections to `server` go: through the kubeconfig's proxy-url if it has one, else as the environment says. */
export function chooseProxy(server: string, kubeconfigProxyUrl: string | undefined, env: NodeJS.ProcessEnv): ProxyChoice {
  if (kubeconfigProxyUrl !== undefined) return { proxy: { url: new URL(kubeconfigProxyUrl), from: 'proxy-url in the kubeconfig' } };
  const url = new URL(server);
  const https = url.protocol === 'https:';
  const variable = proxyVariable(env, https);
  if (variable === undefined) return { direct: `no proxy-url in the kubeconfig, ${https ? 'HTTPS_PROXY' : 'HTTP_PROXY'} not set` };
  const proxyUrl = parseProxyValue(variable.value);
  if (proxyUrl === undefined) return { direct: `${variable.name} is not a URL, so it is ignored (as kubectl ignores it)` };
  if (!https && env['REQUEST_METHOD']) {
    // Go's guard against HTTP_PROXY set by a web request's Proxy header (httpoxy).
    throw new ClusterError(`refusing to use ${variable.name} in a CGI environment (REQUEST_METHOD is set), as kubectl refuses`, ExitCode.unreachable);
  }
  const { host, port } = serverAddress(url);
  const noProxy = noProxyVariable(env);
  const why = bypassReason(host, String(port), parseNoProxy(noProxy?.value ?? ''), noProxy?.name);
  return why === undefined ? { proxy: { url: proxyUrl, from: variable.name } } : { direct: `${variable.name} not used: ${why}` };
}
