/**
 * Connections to the API server through a proxy, for the API client's agent (plain requests and the exec
 * WebSocket alike): a TCP connection to the proxy (TLS first for an https:// proxy), a tunnel to the server opened
 * with HTTP CONNECT or SOCKS5, and over it the TLS the agent would have used directly. Loaded only when a proxy
 * may apply. Failures are ClusterErrors that say what the proxy answered; credentials never appear in them.
 */
import type { ClientRequestArgs } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ExitCode } from '../cli/exit-codes.js';
import { networkReason } from './connection-errors.js';
import { ClusterError } from './errors.js';
import { chooseProxy, proxyLabel, type Proxy } from './proxy.js';
import {
  authority,
  connectRequest,
  proxyCredentials,
  responseHead,
  SOCKS_NO_ACCEPTABLE_METHOD,
  SOCKS_NO_AUTHENTICATION,
  SOCKS_REPLIES,
  SOCKS_USERNAME_PASSWORD,
  SOCKS_VERSION,
  socksConnectRequest,
  socksGreeting,
  socksPasswordRequest,
  socksReplyLength,
} from './proxy-protocol.js';

export interface ProxySettings {
  readonly server: string;
  readonly proxyUrl: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** TLS to an https:// proxy. Go's transport uses its one TLS configuration for the proxy too: the kubeconfig's CA,
   * client certificate, tls-server-name and insecure-skip-tls-verify (the proxy's host name when there is no
   * tls-server-name). */
  readonly proxyTls: Pick<ConnectionOptions, 'secureContext' | 'servername' | 'rejectUnauthorized'>;
  readonly timeoutMs: number;
  readonly verbose?: ((line: string) => void) | undefined;
}

export interface ProxyConnector {
  /** A connection to the API server for the agent: through the tunnel when a proxy applies, else `direct`'s. */
  open(options: ClientRequestArgs, direct: (options: ClientRequestArgs) => Duplex): Promise<Duplex>;
  /** Ends the tunnels still being opened. */
  close(): void;
}

type Credentials = ReturnType<typeof proxyCredentials>;

/** Where a tunnel goes and what to say about it. */
interface Tunnel {
  readonly proxy: Proxy;
  readonly target: { readonly host: string; readonly port: number };
  /** `the proxy http://host:port (HTTPS_PROXY)` */
  readonly label: string;
}

function tunnelError(message: string, hint?: string): ClusterError {
  return new ClusterError(message, ExitCode.unreachable, hint);
}

/** Waits for `event` (connect, secureConnect) or the socket's first error. */
function settled(socket: Socket, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      socket.off(event, onEvent);
      socket.off('close', onClose);
      reject(error);
    };
    const onClose = () => onError(new Error('the connection closed'));
    const onEvent = () => {
      socket.off('error', onError);
      socket.off('close', onClose);
      resolve();
    };
    socket.once(event, onEvent);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}

/** Why a tunnel still being opened ends when its client closes: the request waiting for it fails at once, not at its deadline. */
function clientClosed(): ClusterError {
  return tunnelError('the API client was closed while a tunnel through the proxy was being opened');
}

/**
 * Reads the proxy's reply until `complete` reports its length. The socket stays paused, so nothing past the reply
 * is consumed; a proxy that sends more than its reply before the tunnel is used breaks the protocol (the servers
 * behind it speak only when spoken to).
 */
function readReply(socket: Socket, tunnel: Tunnel, complete: (bytes: Buffer) => number | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let bytes = Buffer.alloc(0);
    const finish = (error: Error | undefined) => {
      socket.off('readable', onReadable);
      socket.off('error', finish);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      if (error) reject(error);
      else resolve(bytes);
    };
    const onEnd = () => finish(tunnelError(`${tunnel.label} closed the connection before the tunnel to ${authority(tunnel.target.host, tunnel.target.port)} was open`));
    const onReadable = () => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) bytes = Buffer.concat([bytes, chunk]);
      let length: number | undefined;
      try {
        length = complete(bytes);
      } catch (error) {
        finish(tunnelError(`${tunnel.label} does not speak the protocol: ${(error as Error).message}`));
        return;
      }
      if (length === undefined) return;
      if (bytes.length > length) finish(tunnelError(`${tunnel.label} sent data past its reply before the tunnel was used`));
      else finish(undefined);
    };
    socket.on('readable', onReadable);
    socket.once('error', finish);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
  });
}

function connectRefusal(status: number, reason: string, tunnel: Tunnel, credentials: Credentials): ClusterError {
  const target = authority(tunnel.target.host, tunnel.target.port);
  const answer = `${status}${reason ? ` ${reason}` : ''}`;
  const said = `${tunnel.label} answered ${answer} to CONNECT ${target} (the proxy's answer, not the API server's)`;
  if (status === 407) {
    return credentials
      ? tunnelError(`${said}: it did not accept the user name and password in the proxy URL`)
      : tunnelError(`${said}: it wants a user name and password`, `put them in the proxy URL: ${tunnel.proxy.url.protocol}//USER:PASSWORD@${tunnel.proxy.url.host}`);
  }
  if (status === 403) return tunnelError(`${said}: it does not allow a tunnel to ${target}`);
  if (status === 502 || status === 503 || status === 504) return tunnelError(`${said}: it could not reach ${target}`);
  return tunnelError(said);
}

async function httpConnect(socket: Socket, tunnel: Tunnel, credentials: Credentials): Promise<void> {
  socket.write(connectRequest(authority(tunnel.target.host, tunnel.target.port), credentials));
  const reply = await readReply(socket, tunnel, (bytes) => responseHead(bytes)?.length);
  const head = responseHead(reply);
  // Go's transport takes 200 only.
  if (head !== undefined && head.status !== 200) throw connectRefusal(head.status, head.reason, tunnel, credentials);
}

async function socksConnect(socket: Socket, tunnel: Tunnel, credentials: Credentials): Promise<void> {
  const exactly = (length: number) => (bytes: Buffer) => (bytes.length >= length ? length : undefined);
  socket.write(socksGreeting(credentials !== undefined));
  const [version, method] = await readReply(socket, tunnel, exactly(2));
  if (version !== SOCKS_VERSION) throw tunnelError(`${tunnel.label} is not a SOCKS5 proxy (it answered version ${version})`);
  if (method === SOCKS_NO_ACCEPTABLE_METHOD) {
    throw credentials
      ? tunnelError(`${tunnel.label} accepts none of the authentication methods offered (none, username/password)`)
      : tunnelError(`${tunnel.label} accepts no connection without authentication`, `put a user name and password in the proxy URL: socks5://USER:PASSWORD@${tunnel.proxy.url.host}`);
  }
  if (method === SOCKS_USERNAME_PASSWORD && credentials) {
    socket.write(socksPasswordRequest(credentials));
    const [, status] = await readReply(socket, tunnel, exactly(2));
    if (status !== 0) throw tunnelError(`${tunnel.label} did not accept the user name and password in the proxy URL`);
  } else if (method !== SOCKS_NO_AUTHENTICATION) {
    throw tunnelError(`${tunnel.label} chose an authentication method that was not offered (${method})`);
  }
  socket.write(socksConnectRequest(tunnel.target.host, tunnel.target.port));
  const reply = await readReply(socket, tunnel, socksReplyLength);
  const code = reply[1] ?? 0;
  if (code !== 0) {
    const target = authority(tunnel.target.host, tunnel.target.port);
    throw tunnelError(`${tunnel.label} could not connect to ${target}: ${SOCKS_REPLIES[code] ?? `reply code ${code}`} (the proxy's answer, not the API server's)`);
  }
}

/** The first hop: TCP to the proxy, and TLS to it for an https:// proxy; `ready` is the event that ends it. */
function dialProxy(proxy: Proxy, settings: ProxySettings, keepAlive: boolean): { socket: Socket; ready: string } {
  const { url } = proxy;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port || { 'http:': 80, 'https:': 443, 'socks5:': 1080 }[url.protocol]);
  if (url.protocol !== 'https:') return { socket: netConnect({ host, port, keepAlive }), ready: 'connect' };
  const { servername } = settings.proxyTls;
  // Node checks the certificate against `host` when no name is sent; a name sent cannot be an IP address (RFC 6066).
  const socket = tlsConnect({ ...settings.proxyTls, host, port, keepAlive, servername: servername ?? (isIP(host) ? undefined : host) } as ConnectionOptions);
  return { socket, ready: 'secureConnect' };
}

async function openTunnel(tunnel: Tunnel, settings: ProxySettings, keepAlive: boolean, opening: Set<Socket>): Promise<Socket> {
  const target = authority(tunnel.target.host, tunnel.target.port);
  const { socket, ready } = dialProxy(tunnel.proxy, settings, keepAlive);
  opening.add(socket);
  const timer = setTimeout(() => socket.destroy(tunnelError(`${tunnel.label} did not open the tunnel to ${target} within ${settings.timeoutMs / 1000} s`)), settings.timeoutMs);
  let reached = false;
  try {
    await settled(socket, ready);
    reached = true;
    const credentials = proxyCredentials(tunnel.proxy.url);
    if (tunnel.proxy.url.protocol === 'socks5:') await socksConnect(socket, tunnel, credentials);
    else await httpConnect(socket, tunnel, credentials);
    return socket;
  } catch (error) {
    socket.destroy();
    if (error instanceof ClusterError) throw error;
    const reason = networkReason(error as Error);
    throw tunnelError(reached ? `the connection to ${tunnel.label} failed while opening the tunnel to ${target}: ${reason}` : `cannot reach ${tunnel.label}: ${reason}`);
  } finally {
    clearTimeout(timer);
    opening.delete(socket);
  }
}

/** Decides once whether a proxy applies to the server (saying which with -v), then opens every connection so. */
export function proxyConnector(settings: ProxySettings): ProxyConnector {
  const choice = chooseProxy(settings.server, settings.proxyUrl, settings.env);
  const opening = new Set<Socket>();
  if ('direct' in choice) {
    settings.verbose?.(`no proxy (${choice.direct})`);
    return { open: async (options, direct) => direct(options), close: () => undefined };
  }
  const { proxy } = choice;
  const label = `the proxy ${proxyLabel(proxy)}`;
  settings.verbose?.(`proxy ${proxyLabel(proxy)}`);
  const secure = new URL(settings.server).protocol === 'https:';
  return {
    async open(options, direct) {
      const target = { host: options.host ?? 'localhost', port: Number(options.port ?? (secure ? 443 : 80)) };
      const keepAlive = (options as { keepAlive?: boolean }).keepAlive === true;
      const socket = await openTunnel({ proxy, target, label }, settings, keepAlive, opening);
      // TLS to the API server over the tunnel, with the agent's own options (trust, certificate, server name).
      return secure ? direct({ ...options, socket } as ClientRequestArgs) : socket;
    },
    close() {
      for (const socket of opening) socket.destroy(clientClosed());
      opening.clear();
    },
  };
}
