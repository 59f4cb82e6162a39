/**
 * The proxy variables Go's net/http reads (golang.org/x/net/http/httpproxy FromEnvironment): for each setting the
 * upper-case name first, then the lower-case one; the first that is set and not empty wins. Small on purpose: the
 * API client reads it at every start, and loads the proxy code only when one of these is set.
 */

/** The proxy schemes kubectl takes, in a kubeconfig's proxy-url as in the environment. */
export const PROXY_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'socks5:']);

export interface ProxyVariable {
  readonly name: string;
  readonly value: string;
}

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): ProxyVariable | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return { name, value };
  }
  return undefined;
}

/** HTTPS_PROXY for an https server, HTTP_PROXY for an http one. */
export function proxyVariable(env: NodeJS.ProcessEnv, https: boolean): ProxyVariable | undefined {
  return firstSet(env, https ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy']);
}

export function noProxyVariable(env: NodeJS.ProcessEnv): ProxyVariable | undefined {
  return firstSet(env, ['NO_PROXY', 'no_proxy']);
}
