/**
 * The first request of a command that reaches etcd, sent by the launcher before the CLI's code loads: the list of
 * etcd pods every such command starts with. Compiling the CLI (15-20 ms) then overlaps the API server's answer
 * instead of coming before the question; on a remote cluster that round trip is longer still.
 *
 * The request is written straight onto a TLS (or TCP) socket, and its answer read with http1-response.ts: Node's
 * HTTP client would cost the first request several milliseconds to load and to set up (its modules, the agent,
 * ClientRequest), and this one request is a plain GET.
 *
 * In a checkout and in the single executables, the launcher runs this code from a file of its own
 * (dist/kubectl-etcd-early.cjs) and the CLI bundle holds another copy, so what passes between them is plain (see
 * early-handover.ts): the access the request was sent with, its TLS context, the pending answer and the connection.
 * The npm build shares one copy. The CLI's API client takes them over only when it resolves the very same access
 * (same server, CA and credentials); a command that never connects, or connects elsewhere, leaves them, and the
 * launcher drops them when it ends.
 */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContext } from 'node:tls';
import type { ApiResponse } from './api-client.js';
import { connectionError, REQUEST_TIMEOUT_MS, timeoutError } from './connection-errors.js';
import type { EarlyRequests } from './early-handover.js';
import { earlyRequestOptions } from './early-options.js';
import { Http1ResponseReader, type Http1Response } from './http1-response.js';
import { resolveApiServerAccess, type ApiServerAccess } from './kubeconfig.js';
import { ETCD_LOCATIONS, podsPath } from './pods.js';
import { proxyVariable } from './proxy-env.js';
import { apiServerTlsContext } from './tls-context.js';

/**
 * What the CLI asks first (src/etcd/connect.ts): the etcd pods where kubeadm, kind, minikube and RKE2 put them. Not
 * the API server pods it asks for beside them: a second request opens a second connection, whose TLS handshake
 * takes turns with the first one's on this one thread and puts the first answer off (one interleaved run each: 2.20x
 * against 2.13x `node -e 0` to the first request).
 */
export const EARLY_PATH = podsPath(ETCD_LOCATIONS[0]!.namespace, ETCD_LOCATIONS[0]!.selector);

/** How long the launcher waits for the request to be on the wire before it goes on loading the CLI anyway. */
const SEND_WAIT_MS = 200;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The bytes of `GET url` with the access's header fields (credentials, impersonation); undefined when one of them
 * cannot be sent as it is (Node's client refuses it too, and the CLI reports that in its own words).
 */
export function getRequestHead(url: URL, headers: Readonly<Record<string, string>>): Buffer | undefined {
  const fields: [string, string][] = [['Host', url.host], ...Object.entries(headers), ['Accept', 'application/json']];
  if (fields.some(([name, value]) => !TOKEN.test(name) || !FIELD_VALUE.test(value))) return undefined;
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, ...fields.map(([name, value]) => `${name}: ${value}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** The request on its connection: the answer as it comes, and the connection once the answer is read. */
class EarlyRequest implements EarlyRequests {
  readonly answer: Promise<ApiResponse>;
  /** Settles once the request is written (or failed). */
  readonly written: Promise<void>;
  readonly path = EARLY_PATH;
  private readonly socket: Socket;
  private answerTaken = false;
  /** The answer is read and the connection may carry another request (until it closes: see takeConnection). */
  private idle = false;
  private connectionTaken = false;
  private readonly onIdleError = () => this.socket.destroy();

  /** `url`: the API server's URL of the path; `head`: the request's bytes (getRequestHead). */
  constructor(
    readonly access: ApiServerAccess,
    url: URL,
    readonly secureContext: SecureContext | undefined,
    head: Buffer,
  ) {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || (secureContext === undefined ? 80 : 443));
    const net = process.getBuiltinModule('node:net');
    const servername = access.servername ?? (net.isIP(host) === 0 ? host : undefined);
    this.socket =
      secureContext === undefined
        ? net.connect({ host, port })
        : process.getBuiltinModule('node:tls').connect({ host, port, secureContext, rejectUnauthorized: access.rejectUnauthorized, ...(servername !== undefined ? { servername } : {}) });
    this.answer = this.readAnswer();
    this.answer.catch(() => undefined); // taken by the CLI, or dropped with the connection
    this.written = new Promise<void>((resolve) => {
      this.socket.write(head, () => resolve());
      this.answer.then(() => resolve(), () => resolve());
    });
  }

  private readAnswer(): Promise<ApiResponse> {
    const { socket } = this;
    const server = this.access.server;
    const reader = new Http1ResponseReader();
    return new Promise<ApiResponse>((resolve, reject) => {
      const stop = () => {
        clearTimeout(deadline);
        socket.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      };
      const fail = (error: Error) => {
        stop();
        socket.destroy();
        reject(connectionError(server, error));
      };
      const finish = (response: Http1Response) => {
        stop();
        if (response.reusable && !socket.destroyed) {
          socket.on('error', this.onIdleError);
          this.idle = true;
        } else {
          socket.destroy();
        }
        resolve({ status: response.status, body: response.body });
      };
      const read = (next: () => Http1Response | undefined) => {
        try {
          const response = next();
          if (response !== undefined) finish(response);
        } catch (error) {
          fail(error as Error);
        }
      };
      const onData = (chunk: Buffer) => read(() => reader.push(chunk));
      const onEnd = () => read(() => reader.end());
      const onError = (error: Error) => fail(error);
      const onClose = () => fail(new Error('the connection closed before the answer was complete'));
      const deadline = setTimeout(() => fail(timeoutError(server, REQUEST_TIMEOUT_MS)), REQUEST_TIMEOUT_MS).unref();
      socket.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    });
  }

  take(path: string): Promise<ApiResponse> | undefined {
    if (path !== this.path || this.answerTaken) return undefined;
    this.answerTaken = true;
    return this.answer;
  }

  takeConnection(): Duplex | undefined {
    if (!this.idle || this.connectionTaken || this.socket.destroyed) return undefined;
    this.connectionTaken = true;
    this.idle = false;
    return this.socket.off('error', this.onIdleError);
  }

  abandon(): void {
    if (!this.connectionTaken) this.socket.destroy();
  }
}

/**
 * Sends the early request for this command line and resolves once it is written (or failed, or after a short
 * wait); undefined when the command line does not call for one or the access cannot be had without side effects
 * (a credential plugin, a proxy). Never rejects: whatever goes wrong here, the CLI meets again and reports.
 */
export async function sendEarlyRequests(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<EarlyRequests | undefined> {
  const options = earlyRequestOptions(args);
  if (options === undefined) return undefined;
  let request: EarlyRequest;
  try {
    const resolving = resolveApiServerAccess({ ...options, runPlugins: false }, env);
    // Node's TLS stack (5-8 ms) loads while the kubeconfig is read, not after.
    process.getBuiltinModule('node:tls');
    const access = await resolving;
    const https = access.server.startsWith('https:');
    if (access.proxyUrl !== undefined || proxyVariable(env, https) !== undefined) return undefined;
    const url = new URL(access.server + EARLY_PATH);
    const head = getRequestHead(url, access.headers);
    if (head === undefined) return undefined;
    // Throws on a CA, certificate or key OpenSSL cannot read: the CLI says so in its own words.
    request = new EarlyRequest(access, url, https ? apiServerTlsContext(access, env) : undefined, head);
  } catch {
    return undefined;
  }
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([request.written, new Promise<void>((resolve) => (waited = setTimeout(resolve, SEND_WAIT_MS)))]);
  clearTimeout(waited);
  return request;
}
