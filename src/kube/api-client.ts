/**
 * Plain JSON requests to the Kubernetes API over node:https with the kubeconfig's credentials, one keep-alive
 * agent for all of them (the exec WebSocket uses it too), and a deadline on every request so an unreachable cluster
 * never hangs the command. When the kubeconfig names a proxy-url or HTTPS_PROXY/HTTP_PROXY is set, the agent's
 * connections wait for the proxy code (loaded only then) to decide whether and how to tunnel them.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequestArgs, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { createSecureContext, type ConnectionOptions } from 'node:tls';
import { ExitCode } from '../cli/exit-codes.js';
import { connectionError, REQUEST_TIMEOUT_MS, timeoutError } from './connection-errors.js';
import { claimEarlyRequests, type EarlyRequests } from './early-handover.js';
import { ClusterError } from './errors.js';
import type { ApiServerAccess } from './kubeconfig.js';
import { proxyVariable } from './proxy-env.js';
import type { ProxyConnector, ProxySettings } from './proxy-tunnel.js';
import { parseStatus, statusError, type ApiStatus } from './status.js';
import { apiServerTlsContext, serverTrust } from './tls-context.js';

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

/** The agent's first new connection is the early request's, when that one is open and idle: no second handshake. */
function reuseEarlyConnection(agent: HttpAgent, early: EarlyRequests): void {
  const open = agent.createConnection.bind(agent) as CreateConnection;
  const createConnection: CreateConnection = (options, callback) => early.takeConnection() ?? open(options, callback);
  agent.createConnection = createConnection as HttpAgent['createConnection'];
}

export class ApiClient {
  readonly agent: HttpsAgent | HttpAgent;
  readonly timeoutMs: number;
  private proxy: Promise<ProxyConnector> | undefined;
  /** The request the launcher sent with this very access before the CLI loaded, and its connection. */
  private readonly early: EarlyRequests | undefined;

  constructor(readonly access: ApiServerAccess, options: ApiClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.early = claimEarlyRequests(access);
    if (this.early !== undefined) options.verbose?.(`taking over the connection and the request (${this.early.path}) sent while the CLI loaded`);
    const env = options.env ?? process.env;
    const tls: Pick<ConnectionOptions, 'secureContext' | 'servername' | 'rejectUnauthorized'> | undefined = this.isHttps
      ? {
          // One TLS context for every connection: each would otherwise parse the CA, certificate and key again.
          secureContext: this.early?.secureContext ?? apiServerTlsContext(access, env),
          ...(access.servername ? { servername: access.servername } : {}),
          rejectUnauthorized: access.rejectUnauthorized,
        }
      : undefined;
    this.agent = tls ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true });
    if (this.early !== undefined) reuseEarlyConnection(this.agent, this.early);
    if (access.proxyUrl !== undefined || proxyVariable(env, this.isHttps) !== undefined) {
      const settings: ProxySettings = {
        server: access.server,
        proxyUrl: access.proxyUrl,
        env,
        // An http server's client has no TLS settings of its own: an https:// proxy is checked against the system's CAs.
        proxyTls: tls ?? systemTls(serverTrust(access, env)),
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
    this.early?.abandon();
    void this.proxy?.then((proxy) => proxy.close(), () => undefined);
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

export type { ApiStatus };
