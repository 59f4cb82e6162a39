/**
 * Stand-in proxies for the proxy tests: an HTTP CONNECT proxy (plain, or TLS for an https:// proxy) and a SOCKS5
 * server (RFC 1928, username/password RFC 1929), real servers on 127.0.0.1 that open real TCP tunnels. Each records
 * the tunnels it was asked for and how it answered; each can demand credentials, refuse every tunnel, and resolve
 * names through its own table (as a proxy uses its own DNS), so a test can address the API server by a name only
 * the proxy knows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parse, stringify } from 'yaml';

export interface TunnelRecord {
  /** host:port as the client named it (the CONNECT authority, the SOCKS5 destination). */
  readonly target: string;
  /** The user name the client sent (never the password); undefined when it sent none. */
  readonly user: string | undefined;
  /** `open`, or how the proxy refused: an HTTP status for CONNECT, `socks reply N` or `socks auth` for SOCKS5. */
  readonly outcome: string;
}

export interface StandInProxy {
  /** scheme://127.0.0.1:port */
  readonly url: string;
  readonly tunnels: TunnelRecord[];
  /** The URL with user info, percent-encoded. */
  urlWith(user: string, password: string): string;
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** Demanded from every client. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** Host names the proxy resolves itself, to addresses (others are resolved by the system). */
  readonly hosts?: Readonly<Record<string, string>>;
  /** Refuse every tunnel: the HTTP status a CONNECT proxy answers, the reply code a SOCKS5 server answers. */
  readonly refuseWith?: number;
  /** Serve TLS (an https:// proxy) with this certificate. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
}

/** Starts `server` on a free port of 127.0.0.1; `stop` ends every connection it took. */
async function serve(server: Server, scheme: string, tunnels: TunnelRecord[]): Promise<StandInProxy> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    tunnels,
    urlWith: (user, password) => `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** `host:port` or `[v6]:port` split, brackets removed. */
function splitTarget(target: string): { host: string; port: number } {
  const colon = target.lastIndexOf(':');
  return { host: target.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(target.slice(colon + 1)) };
}

/** Opens the upstream connection and joins it to `client` once `onOpen` has answered the client. */
function tunnel(client: Socket, target: { host: string; port: number }, hosts: Readonly<Record<string, string>>, buffered: Buffer, onOpen: () => void, onFail: (error: NodeJS.ErrnoException) => void): void {
  const upstream = connect({ host: hosts[target.host] ?? target.host, port: target.port });
  upstream.once('error', onFail);
  upstream.once('connect', () => {
    upstream.off('error', onFail);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    onOpen();
    if (buffered.length > 0) upstream.write(buffered);
    client.pipe(upstream);
    upstream.pipe(client);
  });
}

function basicUser(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const REASONS: Readonly<Record<number, string>> = { 403: 'Forbidden', 407: 'Proxy Authentication Required', 502: 'Bad Gateway' };

/** An HTTP proxy that opens CONNECT tunnels (and answers anything else 405). */
export function startConnectProxy(options: ProxyOptions = {}): Promise<StandInProxy> {
  const tunnels: TunnelRecord[] = [];
  const server = options.tls ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }) : createHttpServer();
  server.on('request', (_request, response) => response.writeHead(405).end());
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    const sent = basicUser(request.headers['proxy-authorization']);
    const answer = (status: number, extra = '') => {
      tunnels.push({ target, user: sent?.user, outcome: String(status) });
      client.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    const wanted = options.credentials;
    if (wanted && (sent?.user !== wanted.user || sent.password !== wanted.password)) return answer(407, 'Proxy-Authenticate: Basic realm="stand-in"\r\n');
    if (options.refuseWith !== undefined) return answer(options.refuseWith);
    tunnel(
      client,
      splitTarget(target),
      options.hosts ?? {},
      head,
      () => {
        tunnels.push({ target, user: sent?.user, outcome: 'open' });
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      },
      () => answer(502),
    );
  });
  return serve(server, options.tls ? 'https' : 'http', tunnels);
}

/** Bytes from a socket in the sizes a protocol asks for. */
class ByteReader {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('close', () => this.waiting?.());
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.waiting?.();
  };

  async read(length: number): Promise<Buffer> {
    while (this.buffered.length < length) {
      if (this.socket.destroyed || this.socket.readableEnded) throw new Error('the client closed the connection');
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
    const bytes = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return bytes;
  }

  /** Stops reading; returns what was read past the last message. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.pause();
    return this.buffered;
  }
}

function socksReplyCode(error: NodeJS.ErrnoException): number {
  if (error.code === 'ECONNREFUSED') return 0x05;
  if (error.code === 'ENOTFOUND' || error.code === 'EHOSTUNREACH' || error.code === 'EAI_AGAIN') return 0x04;
  if (error.code === 'ENETUNREACH') return 0x03;
  return 0x01;
}

function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(bytes.readUInt16BE(index).toString(16));
  return groups.join(':');
}

async function socksSession(client: Socket, options: ProxyOptions, tunnels: TunnelRecord[]): Promise<void> {
  const reader = new ByteReader(client);
  const [, methodCount = 0] = await reader.read(2);
  const methods = [...(await reader.read(methodCount))];
  const wanted = options.credentials;
  let user: string | undefined;
  if (wanted) {
    if (!methods.includes(0x02)) {
      client.end(Buffer.from([5, 0xff]));
      tunnels.push({ target: '', user: undefined, outcome: 'socks no acceptable method' });
      return;
    }
    client.write(Buffer.from([5, 0x02]));
    const [, userLength = 0] = await reader.read(2);
    user = (await reader.read(userLength)).toString('utf8');
    const [passwordLength = 0] = await reader.read(1);
    const password = (await reader.read(passwordLength)).toString('utf8');
    if (user !== wanted.user || password !== wanted.password) {
      client.end(Buffer.from([1, 1]));
      tunnels.push({ target: '', user, outcome: 'socks auth' });
      return;
    }
    client.write(Buffer.from([1, 0]));
  } else {
    if (!methods.includes(0x00)) {
      client.end(Buffer.from([5, 0xff]));
      return;
    }
    client.write(Buffer.from([5, 0x00]));
  }
  const [, command, , type] = await reader.read(4);
  let host: string;
  if (type === 0x01) host = [...(await reader.read(4))].join('.');
  else if (type === 0x04) host = ipv6Text(await reader.read(16));
  else {
    const [length = 0] = await reader.read(1);
    host = (await reader.read(length)).toString('utf8');
  }
  const port = (await reader.read(2)).readUInt16BE(0);
  const target = type === 0x04 ? `[${host}]:${port}` : `${host}:${port}`;
  const reply = (code: number) => Buffer.from([5, code, 0, 0x01, 0, 0, 0, 0, 0, 0]);
  const refuse = (code: number) => {
    tunnels.push({ target, user, outcome: `socks reply ${code}` });
    client.end(reply(code));
  };
  if (command !== 0x01) return refuse(0x07);
  if (options.refuseWith !== undefined) return refuse(options.refuseWith);
  tunnel(
    client,
    { host, port },
    options.hosts ?? {},
    reader.detach(),
    () => {
      tunnels.push({ target, user, outcome: 'open' });
      client.write(reply(0));
    },
    (error) => refuse(socksReplyCode(error)),
  );
}

/** A SOCKS5 server that opens CONNECT tunnels. */
export function startSocksProxy(options: Omit<ProxyOptions, 'tls'> = {}): Promise<StandInProxy> {
  const tunnels: TunnelRecord[] = [];
  const server = createNetServer((client) => {
    socksSession(client, options, tunnels).catch(() => client.destroy());
  });
  return serve(server, 'socks5', tunnels);
}

/** Writes a copy of the kubeconfig at `from` to `to` whose (first) cluster has another server address or a proxy-url. */
export async function writeKubeconfigVariant(from: string, to: string, change: { server?: string; proxyUrl?: string }): Promise<string> {
  const config = parse(await readFile(from, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
  const cluster = config.clusters[0]?.cluster ?? {};
  if (change.server) cluster['server'] = change.server;
  if (change.proxyUrl) cluster['proxy-url'] = change.proxyUrl;
  await writeFile(to, stringify(config), { mode: 0o600 });
  return to;
}
