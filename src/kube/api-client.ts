/**
 * Plain JSON requests to the Kubernetes API over node:https with the kubeconfig's credentials, one keep-alive
 * agent for all of them (the exec WebSocket uses it too), and a deadline on every request so an unreachable cluster
 * never hangs the command. When the kubeconfig names a proxy-url or HTTPS_PROXY/HTTP_PROXY is set, the agent's
 * connections wait for the proxy code (loaded only then) to decide whether and how to tunnel them.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequestArgs, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { createSecureContext, type ConnectionOptions, type SecureContext } from 'node:tls';
import { ExitCode } from '../cli/exit-codes.js';
import { claimEarlyRequests, type EarlyRequests } from './early-handover.js';
import { ClusterError } from './errors.js';
import { defaultTrust } from './extra-ca-certs.js';
import type { ApiServerAccess } from './kubeconfig.js';
import { proxyVariable } from './proxy-env.js';
import type { ProxyConnector, ProxySettings } from './proxy-tunnel.js';
import { parseStatus, statusError, type ApiStatus } from './status.js';

/** Per request: connecting, the TLS handshake and the whole response. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ApiClientOptions {
  readonly timeoutMs?: number;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Told which proxy the connections go through, when a proxy setting is present (-v). */
  readonly verbose?: ((line: string) => void) | undefined;
}

/** An answer as the API server gave it: status and body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: Buffer;
}

type CreateConnection = (options: ClientRequestArgs, callback: (error: Error | null, socket?: Duplex) => void) => Duplex | null | undefined;

/** Makes every new connection of `agent` wait for the proxy connector, which opens it directly or through a tunnel. */
function routeConnections(agent: HttpAgent, connector: () => Promise<ProxyConnector>): void {
  // The agent's own way: a TLS (or TCP) connection to options.host, or over options.socket when given one.
  const direct = agent.createConnection.bind(agent) as (options: ClientRequestArgs) => Duplex;
  const createConnection: CreateConnection = (options, callback) => {
    connector()
      .then((proxy) => proxy.open(options, direct))
      .then(
        (socket) => callback(null, socket),
        (error: Error) => callback(error),
      );
    return undefined;
  };
  agent.createConnection = createConnection as HttpAgent['createConnection'];
}

export class ApiClient {
  readonly agent: HttpsAgent | HttpAgent;
  readonly timeoutMs: number;
  private proxy: Promise<ProxyConnector> | undefined;
  /** Requests the launcher sent with this very access before the CLI loaded, and their connections. */
  private readonly early: EarlyRequests | undefined;

  constructor(readonly access: ApiServerAccess, options: ApiClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.early = claimEarlyRequests(access);
    if (this.early !== undefined) {
      options.verbose?.(`taking over the connection and the requests (${this.early.paths.join(', ')}) sent while the CLI loaded`);
      this.agent = this.early.agent;
      return;
    }
    const env = options.env ?? process.env;
    // The extra certificates are read only for a connection that uses them.
    const trust = () => access.ca ?? defaultTrust(env);
    const ca = this.isHttps ? trust() : undefined;
    const tls: Pick<ConnectionOptions, 'secureContext' | 'servername' | 'rejectUnauthorized'> | undefined = this.isHttps
      ? {
          // One TLS context for every connection: each would otherwise parse the CA, certificate and key again.
          secureContext: tlsContext(access, ca),
          ...(access.servername ? { servername: access.servername } : {}),
          rejectUnauthorized: access.rejectUnauthorized,
        }
      : undefined;
    this.agent = tls ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true });
    if (access.proxyUrl !== undefined || proxyVariable(env, this.isHttps) !== undefined) {
      const settings: ProxySettings = {
        server: access.server,
        proxyUrl: access.proxyUrl,
        env,
        // An http server's client has no TLS settings of its own: an https:// proxy is checked against the system's CAs.
        proxyTls: tls ?? systemTls(trust()),
        timeoutMs: this.timeoutMs,
        verbose: options.verbose,
      };
      routeConnections(this.agent, () => (this.proxy ??= import('./proxy-tunnel.js').then((module) => module.proxyConnector(settings))));
    }
  }

  get isHttps(): boolean {
    return this.access.server.startsWith('https:');
  }

  /** The full URL of an API path (which starts with `/`). */
  url(path: string): URL {
    return new URL(this.access.server + path);
  }

  /** GET `path` as JSON; a non-2xx answer becomes an ApiStatusError worded from its Status. */
  async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
    const { status, body } = await this.request(path, signal);
    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(body.toString('utf8')) as T;
      } catch {
        throw new ClusterError(`the API server answered GET ${path} with something that is not JSON`, ExitCode.error);
      }
    }
    throw statusError(parseStatus(status, body), { method: 'GET', path });
  }

  /**
   * GET `path`, returning the HTTP status and body (for callers that treat some errors as answers). `written` is
   * called once the request is on its way (connected and sent).
   */
  request(path: string, signal?: AbortSignal, written?: () => void): Promise<ApiResponse> {
    const early = this.early?.take(path);
    if (early !== undefined) return untilAborted(early.catch((error: unknown) => Promise.reject(ownClusterError(error))), signal);
    const url = this.url(path);
    const send = this.isHttps ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method: 'GET', agent: this.agent, headers: { ...this.access.headers, Accept: 'application/json' }, timeout: this.timeoutMs, signal });
      const deadline = setTimeout(() => request.destroy(timeoutError(this.access.server, this.timeoutMs)), this.timeoutMs);
      request.on('timeout', () => request.destroy(timeoutError(this.access.server, this.timeoutMs)));
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error instanceof ClusterError ? error : connectionError(this.access.server, error));
      });
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(connectionError(this.access.server, error)));
        response.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) });
        });
      });
      if (written !== undefined) request.once('finish', written);
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
    void this.proxy?.then((proxy) => proxy.close(), () => undefined);
  }
}

/** The TLS context of the access's CA and client credentials; one OpenSSL cannot use is the kubeconfig's fault. */
function tlsContext(access: ApiServerAccess, ca: Buffer | string[] | undefined): SecureContext {
  try {
    return createSecureContext({ ...(ca ? { ca } : {}), ...(access.cert ? { cert: access.cert } : {}), ...(access.key ? { key: access.key } : {}) });
  } catch (error) {
    const reason = (error as Error).message.replace(/^error:[0-9A-F]+:/, '');
    throw new ClusterError(
      `the client certificate, key or CA of ${access.description} cannot be used: ${reason}`,
      ExitCode.error,
      'check the client-certificate(-data), client-key(-data) and certificate-authority(-data) entries: PEM, and the key matching the certificate',
    );
  }
}

/** `answer`, or a rejection as soon as `signal` aborts (an early request was sent without it). */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return answer;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * An early request's failure comes from the launcher's copy of this code: the same error made again from this
 * copy's class, so that callers' instanceof checks hold.
 */
function ownClusterError(error: unknown): Error {
  if (error instanceof ClusterError || !(error instanceof Error)) return error as Error;
  const { exitCode, hint } = error as Partial<ClusterError>;
  return exitCode === undefined ? error : new ClusterError(error.message, exitCode, hint);
}

/** TLS to an https:// proxy in front of an http server: Node's roots, with the extra certificates if any. */
function systemTls(ca: string[] | Buffer | undefined): Pick<ConnectionOptions, 'secureContext' | 'rejectUnauthorized'> {
  return { rejectUnauthorized: true, ...(ca ? { secureContext: createSecureContext({ ca }) } : {}) };
}

function timeoutError(server: string, timeoutMs: number): ClusterError {
  return new ClusterError(`the API server at ${server} did not answer within ${timeoutMs / 1000} s`, ExitCode.unreachable);
}

/** A connection-level failure in words: refused, unknown host, TLS trust. */
export function networkReason(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed and not trusted by the kubeconfig's certificate authority",
    SELF_SIGNED_CERT_IN_CHAIN: "its certificate is not signed by the kubeconfig's certificate authority",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate is not signed by the kubeconfig's certificate authority",
    ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is not valid for that host name',
    CERT_HAS_EXPIRED: 'its certificate has expired',
  };
  return why[code] ?? error.message;
}

/** A failure to reach the API server in words; proxy failures arrive worded already. */
export function connectionError(server: string, error: Error): ClusterError {
  if (error instanceof ClusterError) return error;
  if (error.name === 'AbortError') return new ClusterError('interrupted', ExitCode.interrupted);
  const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? ' (is the cluster running, is this the right context?)' : '';
  return new ClusterError(`cannot reach the API server at ${server}: ${networkReason(error)}${refused}`, ExitCode.unreachable);
}

export type { ApiStatus };
