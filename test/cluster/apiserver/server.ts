/**
 * The stand-in Kubernetes API server: HTTPS on 127.0.0.1 with client-certificate authentication, the REST
 * resources of ./rest.ts, and exec and port-forward upgraded to WebSocket.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClusterState, Faults } from '../model.js';
import type { ApiServerTls } from './credentials.js';
import { runExecSession, type ExecProtocol } from './exec.js';
import { runPortForwardSession } from './portforward.js';
import { ANONYMOUS_USER, authorize, authorizeAnonymous } from './rbac.js';
import { requestInfoOf, type RequestInfo, type ResourceRequest } from './request-info.js';
import { discovery, fromStatus, selectObjects, serveResource, versionInfo, type Reply } from './rest.js';
import { PODS } from './resources.js';
import { badRequest, internalError, isStatus, pathNotFound, methodNotAllowed, type Status } from './status.js';
import { Store } from './store.js';
import { execSubprotocol, execTarget, portForwardSubprotocol, portForwardTarget, type PlainError } from './streaming.js';
import { servePodWatch } from './watch.js';

export interface ApiServerOptions {
  state: ClusterState;
  faults: Faults;
  tls: ApiServerTls;
  /** What `/version` reports; the fixtures are serialized by v1.36.0. */
  gitVersion?: string;
}

export interface ApiServer {
  url: string;
  caCertPem: string;
  stop: () => Promise<void>;
}

const PUBLIC_TEXT_PATHS = new Set(['/healthz', '/livez', '/readyz']);

/** The user a client certificate names (CN); undefined for a request without a valid one. */
function userOf(request: IncomingMessage): string | undefined {
  const socket = request.socket as TLSSocket;
  if (!socket.authorized) return undefined;
  const commonName = socket.getPeerCertificate().subject?.CN;
  return Array.isArray(commonName) ? commonName[0] : commonName;
}

function urlOf(request: IncomingMessage): URL {
  return new URL(request.url ?? '/', 'https://127.0.0.1');
}

/** The first checks of every request: the 500 fault, authentication and RBAC. */
function admit(request: IncomingMessage, info: RequestInfo, faults: Faults): { user: string } | Status {
  if (faults.serverError) return internalError('injected fault: the API server answers 500');
  const user = userOf(request);
  const attributes = info.kind === 'resource' ? { user: user ?? ANONYMOUS_USER, ...info } : undefined;
  if (user === undefined) return authorizeAnonymous(info.kind === 'path' ? info.path : '', attributes) ?? { user: ANONYMOUS_USER };
  return (attributes && authorize(faults, attributes)) ?? { user };
}

function sendReply(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function readJsonBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', reject);
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** An HTTP response written straight to an upgrade request's socket, which then closes. */
function refuseUpgrade(socket: Socket, code: number, body = '', contentType = 'application/json'): void {
  const headers = body ? `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : '';
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\n${headers}Connection: close\r\n\r\n${body}`);
}

function refuseWithStatus(socket: Socket, status: Status): void {
  const reply = fromStatus(status);
  refuseUpgrade(socket, reply.code, JSON.stringify(reply.body));
}

function refuse(socket: Socket, failure: Status | PlainError): void {
  if (isStatus(failure)) refuseWithStatus(socket, failure);
  else refuseUpgrade(socket, failure.code, `${failure.text}\n`, 'text/plain; charset=utf-8');
}

function offeredSubprotocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header.split(',').map((protocol) => protocol.trim()).filter((protocol) => protocol !== '');
}

function isStreamingSubresource(request: ResourceRequest): boolean {
  return request.resource === 'pods' && (request.subresource === 'exec' || request.subresource === 'portforward');
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { faults, tls } = options;
  const store = new Store(options.state);
  const gitVersion = options.gitVersion ?? 'v1.36.0';
  const chosenSubprotocol = new WeakMap<IncomingMessage, string>();
  const websockets = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (_offered, request) => chosenSubprotocol.get(request) ?? false,
  });
  const server = createServer({ key: tls.keyPem, cert: tls.certPem, ca: tls.caCertPem, requestCert: true, rejectUnauthorized: false });
  let serverAddress = '';

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = urlOf(request);
    const method = request.method ?? 'GET';
    const info = requestInfoOf(method, url);
    const admitted = admit(request, info, faults);
    if (isStatus(admitted)) return sendReply(response, fromStatus(admitted));
    if (info.kind === 'path') {
      if (url.pathname === '/version') return sendReply(response, { code: 200, body: versionInfo(gitVersion) });
      if (PUBLIC_TEXT_PATHS.has(url.pathname)) {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void response.end('ok');
      }
      return sendReply(response, discovery(url.pathname, serverAddress) ?? fromStatus(pathNotFound()));
    }
    if (isStreamingSubresource(info)) {
      // Without an upgrade the request still goes through the pod checks, then the runtime asks for one.
      const target = info.subresource === 'exec' ? execTarget(store, info, url.searchParams) : portForwardTarget(store, info, url.searchParams);
      if (isStatus(target)) return sendReply(response, fromStatus(target));
      return sendReply(response, fromStatus(badRequest('Upgrade request required')));
    }
    if (info.verb === 'watch') {
      if (info.resource !== 'pods') return sendReply(response, fromStatus(methodNotAllowed()));
      const selected = selectObjects(PODS, store, info, url.searchParams);
      if (isStatus(selected)) return sendReply(response, fromStatus(selected));
      return servePodWatch(store, info, url.searchParams, response);
    }
    sendReply(response, await serveResource(store, info, url.searchParams, request.headers.accept, () => readJsonBody(request)));
  }

  function upgradeToWebSocket(request: IncomingMessage, socket: Socket, head: Buffer, subprotocol: string, run: (ws: WebSocket) => Promise<void>): void {
    if (subprotocol !== '') chosenSubprotocol.set(request, subprotocol);
    websockets.handleUpgrade(request, socket, head, (ws) => {
      run(ws).catch(() => ws.terminate());
    });
  }

  function serveUpgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = urlOf(request);
    const method = request.method ?? 'GET';
    const info = requestInfoOf(method, url);
    const admitted = admit(request, info, faults);
    if (isStatus(admitted)) return refuseWithStatus(socket, admitted);
    if (info.kind === 'path' || !isStreamingSubresource(info)) return refuseWithStatus(socket, badRequest('the stand-in API server upgrades only pods/exec and pods/portforward'));
    // Since 1.35 an upgrade by GET needs create as well as get (AuthorizePodWebsocketUpgradeCreatePermission).
    if (method === 'GET') {
      const denied = authorize(faults, { ...info, user: admitted.user, verb: 'create' });
      if (denied) return refuseWithStatus(socket, denied);
    }
    const isWebSocket = request.headers.upgrade?.toLowerCase() === 'websocket';
    const offered = offeredSubprotocols(request);
    if (info.subresource === 'exec') {
      const target = execTarget(store, info, url.searchParams);
      if (!('entry' in target)) return refuse(socket, target);
      if (!isWebSocket) return refuseWithStatus(socket, badRequest('the stand-in API server speaks WebSocket only, not SPDY'));
      const chosen = execSubprotocol(offered);
      if (!chosen) return refuseUpgrade(socket, 403);
      const protocol: ExecProtocol = chosen.protocol;
      return upgradeToWebSocket(request, socket, head, chosen.header, (ws) =>
        runExecSession(ws, socket, protocol, target.container, target.options, faults),
      );
    }
    const target = portForwardTarget(store, info, url.searchParams);
    if (!('entry' in target)) return refuse(socket, target);
    if (!isWebSocket) return refuseWithStatus(socket, badRequest('the stand-in API server speaks WebSocket only, not SPDY'));
    const chosen = portForwardSubprotocol(offered);
    if (chosen === undefined) return refuseUpgrade(socket, 403);
    upgradeToWebSocket(request, socket, head, chosen, (ws) => runPortForwardSession(ws, socket, target.entry, target.ports, faults));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    serveHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendReply(response, fromStatus(internalError(String(error))));
      else response.destroy();
    });
  });
  server.on('upgrade', serveUpgrade);
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  serverAddress = `127.0.0.1:${port}`;

  return {
    url: `https://${serverAddress}`,
    caCertPem: tls.caCertPem,
    stop: async () => {
      for (const client of websockets.clients) client.terminate();
      websockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await store.removeLaunchedPods();
    },
  };
}
