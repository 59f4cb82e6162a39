/**
 * Plain JSON requests to the Kubernetes API over node:https with the kubeconfig's credentials, one keep-alive
 * agent for all of them, and a deadline on every request so an unreachable cluster never hangs the command.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createSecureContext } from 'node:tls';
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';
import type { ApiServerAccess } from './kubeconfig.js';
import { parseStatus, statusError, type ApiStatus } from './status.js';

/** Per request: connecting, the TLS handshake and the whole response. */
export const REQUEST_TIMEOUT_MS = 15_000;

export class ApiClient {
  readonly agent: HttpsAgent | HttpAgent;

  constructor(readonly access: ApiServerAccess, readonly timeoutMs = REQUEST_TIMEOUT_MS) {
    this.agent = this.isHttps
      ? new HttpsAgent({
          keepAlive: true,
          // One TLS context for every connection: each would otherwise parse the CA, certificate and key again.
          secureContext: createSecureContext({
            ...(access.ca ? { ca: access.ca } : {}),
            ...(access.cert ? { cert: access.cert } : {}),
            ...(access.key ? { key: access.key } : {}),
          }),
          ...(access.servername ? { servername: access.servername } : {}),
          rejectUnauthorized: access.rejectUnauthorized,
        })
      : new HttpAgent({ keepAlive: true });
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

  /** GET `path`, returning the HTTP status and body (for callers that treat some errors as answers). */
  request(path: string, signal?: AbortSignal): Promise<{ status: number; body: Buffer }> {
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
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function timeoutError(server: string, timeoutMs: number): ClusterError {
  return new ClusterError(`the API server at ${server} did not answer within ${timeoutMs / 1000} s`, ExitCode.unreachable);
}

/** Connection-level failures in words: refused, unknown host, TLS trust. */
export function connectionError(server: string, error: Error): ClusterError {
  if (error instanceof ClusterError) return error;
  if (error.name === 'AbortError') return new ClusterError('interrupted', ExitCode.interrupted);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the cluster running, is this the right context?)',
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
  return new ClusterError(`cannot reach the API server at ${server}: ${why[code] ?? error.message}`, ExitCode.unreachable);
}

export type { ApiStatus };
