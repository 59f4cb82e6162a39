/**
 * Runs a command in a container through the Kubernetes exec API over WebSocket (v5.channel.k8s.io, falling back to
 * v4). Frames are a channel byte and a payload: 0 stdin, 1 stdout, 2 stderr, 3 the final metav1.Status; v5 closes
 * stdin with `ff 00`. The command's end is known only from its Status: a connection that closes without one was
 * cut, and what arrived is reported as incomplete rather than passed off as the whole output.
 */
import type { IncomingMessage } from 'node:http';
import { ExitCode } from '../cli/exit-codes.js';
import type { ApiClient } from './api-client.js';
import { connectionError, REQUEST_TIMEOUT_MS } from './connection-errors.js';
import { StdoutBytes, type SpareStdout } from './stdout-bytes.js';
import { ClusterError, StreamCutError } from './errors.js';
import { parseStatus, statusError, type ApiStatus } from './status.js';

export const V5 = 'v5.channel.k8s.io';
export const V4 = 'v4.channel.k8s.io';
export type ExecProtocol = typeof V5 | typeof V4;

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const CLOSE_STREAM = 0xff;
/** Stdin goes out in frames of at most this many bytes. */
const STDIN_FRAME = 64 * 1024;

export interface ExecRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** argv: the program and its arguments, each passed verbatim (no shell). */
  readonly command: readonly string[];
  /** Sent, then closed (needs v5); undefined: the command gets no stdin. */
  readonly stdin?: Uint8Array | undefined;
  /** Receives stdout as it arrives instead of collecting it; a returned promise holds the stream until it settles. */
  readonly onStdout?: ((chunk: Buffer) => void | Promise<void>) | undefined;
  readonly onStderr?: ((chunk: Buffer) => void) | undefined;
  /** About how much stdout to expect when it is collected (see StdoutBytes). */
  readonly expectedStdoutBytes?: number | undefined;
  /** Memory to collect stdout into, if it is large enough. */
  readonly spareStdout?: SpareStdout | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Subprotocols offered, in order of preference. */
  readonly protocols?: readonly ExecProtocol[];
}

export interface ExecResult {
  readonly exitCode: number;
  /** Collected stdout; empty when onStdout took it. */
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly protocol: ExecProtocol;
}

/** The command did not start: the container runtime could not run it (most often: the program is not in the image). */
export class CommandNotStartedError extends ClusterError {
  constructor(readonly runtimeMessage: string, readonly missingProgram: string | undefined) {
    super(`the command could not be started: ${runtimeMessage}`, ExitCode.error);
    this.name = 'CommandNotStartedError';
  }
}

export function execPath(request: Pick<ExecRequest, 'namespace' | 'pod' | 'container' | 'command'>, withStdin: boolean): string {
  const query = new URLSearchParams();
  for (const arg of request.command) query.append('command', arg);
  query.set('container', request.container);
  query.set('stdin', String(withStdin));
  query.set('stdout', 'true');
  query.set('stderr', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/exec?${query.toString()}`;
}

/** `exec: "etcdctl": executable file not found in $PATH`, `exec: "/bin/sh": stat /bin/sh: no such file or directory` */
const MISSING_PROGRAM = /exec: "([^"]+)": (?:executable file not found|stat [^:]+: no such file or directory)/;

/** The exit code a final Status reports, or the error it means. */
export function exitCodeOf(status: ApiStatus | 'Success'): number {
  if (status === 'Success') return 0;
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.causes.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return code;
  }
  const missing = MISSING_PROGRAM.exec(status.message);
  throw new CommandNotStartedError(status.message || status.reason || 'unknown failure', missing?.[1]);
}

function parseFinalStatus(bytes: Buffer): ApiStatus | 'Success' {
  const text = bytes.toString('utf8');
  try {
    if ((JSON.parse(text) as { status?: unknown }).status === 'Success') return 'Success';
  } catch {
    // Not JSON: parseStatus keeps the text as the message.
  }
  return parseStatus(500, text);
}

/** The body of a refused upgrade, read as a Status error in words (RBAC, pod or container not found, ...). */
async function refusal(response: IncomingMessage, path: string): Promise<ClusterError> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const code = response.statusCode ?? 0;
  if (code === 403 && body.length === 0) {
    return new ClusterError(`the API server accepts none of the exec protocols kubectl etcd speaks (${V5}, ${V4})`, ExitCode.unreachable);
  }
  return statusError(parseStatus(code, body), { method: 'exec', path: path.slice(0, path.indexOf('?')) });
}

function frame(channel: number, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  const bytes = Buffer.allocUnsafe(payload.length + 1);
  bytes[0] = channel;
  bytes.set(payload, 1);
  return bytes;
}

/** Runs the command and waits for its Status: resolves with the exit code (any), rejects when it could not run. */
export async function execInPod(client: ApiClient, request: ExecRequest): Promise<ExecResult> {
  const { WebSocket } = await import('ws');
  const withStdin = request.stdin !== undefined;
  const path = execPath(request, withStdin);
  const url = client.url(path);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const { access } = client;
  const what = `${request.command[0] ?? 'the command'} in pod ${request.namespace}/${request.pod}`;
  request.signal?.throwIfAborted();

  return new Promise<ExecResult>((resolve, reject) => {
    const ws = new WebSocket(url, [...(request.protocols ?? [V5, V4])], {
      agent: client.agent,
      ...(access.ca ? { ca: access.ca } : {}),
      ...(access.cert ? { cert: access.cert } : {}),
      ...(access.key ? { key: access.key } : {}),
      ...(access.servername ? { servername: access.servername } : {}),
      rejectUnauthorized: access.rejectUnauthorized,
      headers: { ...access.headers },
      handshakeTimeout: REQUEST_TIMEOUT_MS,
      perMessageDeflate: false,
    });
    const stdout = new StdoutBytes(request.expectedStdoutBytes, request.spareStdout);
    const stderr: Buffer[] = [];
    const status: Buffer[] = [];
    let received = 0;
    let opened = false;
    let settled = false;
    let pending = Promise.resolve();

    const finish = (outcome: () => ExecResult) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      ws.terminate();
      reject(error);
    };
    // Closing the connection is what stops the remote command: the server kills what no one reads.
    const onAbort = () => fail(new ClusterError('interrupted', ExitCode.interrupted));
    request.signal?.addEventListener('abort', onAbort, { once: true });

    ws.on('unexpected-response', (_req, response) => {
      refusal(response, path).then(fail, fail);
    });
    ws.on('open', () => {
      opened = true;
      if (withStdin && ws.protocol !== V5) {
        fail(new ClusterError(`sending input to ${what} needs the ${V5} exec protocol (Kubernetes 1.30 or newer); this API server offered ${ws.protocol || 'an older one'}`, ExitCode.error));
        return;
      }
      if (request.stdin) sendStdin(ws, request.stdin).catch(fail);
    });
    ws.on('message', (data: Buffer) => {
      if (data.length < 1) return;
      const payload = data.subarray(1);
      switch (data[0]) {
        case STDOUT:
          if (payload.length === 0) return;
          received += payload.length;
          if (request.onStdout) {
            const handled = request.onStdout(payload);
            if (handled instanceof Promise) {
              ws.pause();
              pending = pending.then(() => handled).then(() => ws.resume(), fail);
            }
          } else stdout.add(payload);
          return;
        case STDERR:
          if (payload.length === 0) return;
          received += payload.length;
          if (request.onStderr) request.onStderr(payload);
          stderr.push(payload);
          return;
        case STATUS:
          status.push(payload);
          return;
        default:
          // Resize (4) and v5 stream-close frames from the server carry nothing for us.
          return;
      }
    });
    ws.on('error', (error: Error) => {
      // After the upgrade, 'close' follows and tells a cut stream from a finished one.
      if (opened) return;
      if (/subprotocol/i.test(error.message)) {
        fail(new ClusterError(`the API server did not agree to an exec protocol for ${what} (${error.message})`, ExitCode.unreachable));
      } else fail(connectionError(access.server, error));
    });
    ws.on('close', () => {
      const statusBytes = Buffer.concat(status);
      if (statusBytes.length === 0) {
        fail(opened ? new StreamCutError(what, received) : new ClusterError(`could not open an exec session for ${what}`, ExitCode.unreachable));
        return;
      }
      void pending.then(() =>
        finish(() => ({
          exitCode: exitCodeOf(parseFinalStatus(statusBytes)),
          stdout: stdout.bytes(),
          stderr: Buffer.concat(stderr),
          protocol: ws.protocol as ExecProtocol,
        })),
      );
    });
  });
}

type Sendable = { send(data: Buffer, callback: (error?: Error) => void): void };

function sendFrame(ws: Sendable, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => ws.send(data, (error) => (error ? reject(error) : resolve())));
}

/** All of stdin in bounded frames, each waiting for the one before (so memory stays flat), then the v5 close. */
async function sendStdin(ws: Sendable, stdin: Uint8Array): Promise<void> {
  for (let offset = 0; offset < stdin.length; offset += STDIN_FRAME) {
    await sendFrame(ws, frame(STDIN, stdin.subarray(offset, offset + STDIN_FRAME)));
  }
  await sendFrame(ws, Buffer.from([CLOSE_STREAM, STDIN]));
}
