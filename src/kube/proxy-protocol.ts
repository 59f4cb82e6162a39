/**
 * The client's side of the two tunnel protocols, as bytes: HTTP CONNECT (RFC 9110 section 9.3.6) with Basic
 * Proxy-Authorization, and SOCKS5 (RFC 1928) with no authentication or username/password (RFC 1929). Pure.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';
import { parseIp } from './ip-address.js';

/** `host:port` as a CONNECT request names it, an IPv6 host in brackets. */
export function authority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The proxy URL's user name and password, percent-decoded as Go's URL.User gives them; undefined without user info. */
export function proxyCredentials(url: URL): { user: string; password: string } | undefined {
  if (url.username === '' && url.password === '') return undefined;
  try {
    return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } catch {
    throw new ClusterError('the user name or password in the proxy URL is not validly percent-encoded', ExitCode.error);
  }
}

export function connectRequest(target: string, credentials: { user: string; password: string } | undefined): Buffer {
  const authorization = credentials ? `Proxy-Authorization: Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}\r\n` : '';
  return Buffer.from(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${authorization}\r\n`, 'latin1');
}

export interface ResponseHead {
  readonly status: number;
  readonly reason: string;
  /** Bytes up to and including the blank line. */
  readonly length: number;
}

/** More than any proxy's answer to CONNECT needs. */
const MAX_HEAD = 64 * 1024;

/** The status of a response head received whole in `bytes`; undefined while the blank line has not arrived. */
export function responseHead(bytes: Buffer): ResponseHead | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) {
    if (bytes.length > MAX_HEAD) throw new Error(`its answer has no end of headers after ${MAX_HEAD} bytes`);
    return undefined;
  }
  const statusLine = bytes.subarray(0, bytes.indexOf('\r\n')).toString('latin1');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) throw new Error(`its answer does not start with an HTTP status line (${JSON.stringify(statusLine.slice(0, 80))})`);
  return { status: Number(match[1]), reason: match[2] ?? '', length: end + 4 };
}

export const SOCKS_VERSION = 5;
export const SOCKS_NO_AUTHENTICATION = 0x00;
export const SOCKS_USERNAME_PASSWORD = 0x02;
export const SOCKS_NO_ACCEPTABLE_METHOD = 0xff;
const SOCKS_CONNECT = 0x01;
const PASSWORD_VERSION = 0x01;

/** The methods offered: no authentication, and username/password when the proxy URL has credentials (as Go offers). */
export function socksGreeting(withPassword: boolean): Buffer {
  return Buffer.from(withPassword ? [SOCKS_VERSION, 2, SOCKS_NO_AUTHENTICATION, SOCKS_USERNAME_PASSWORD] : [SOCKS_VERSION, 1, SOCKS_NO_AUTHENTICATION]);
}

export function socksPasswordRequest(credentials: { user: string; password: string }): Buffer {
  const user = Buffer.from(credentials.user);
  const password = Buffer.from(credentials.password);
  if (user.length < 1 || user.length > 255 || password.length > 255) {
    throw new ClusterError('a SOCKS5 user name must be 1 to 255 bytes and a password at most 255', ExitCode.error);
  }
  return Buffer.concat([Buffer.from([PASSWORD_VERSION, user.length]), user, Buffer.from([password.length]), password]);
}

/** CONNECT to an IPv4 or IPv6 address, or to a name the proxy resolves. */
export function socksConnectRequest(host: string, port: number): Buffer {
  const address = parseIp(host);
  let destination: Buffer;
  if (address?.family === 4) destination = Buffer.from([0x01, ...address.bytes]);
  else if (address?.family === 6) destination = Buffer.from([0x04, ...address.bytes]);
  else {
    const name = Buffer.from(host);
    if (name.length > 255) throw new ClusterError(`the host name ${host} is too long for SOCKS5`, ExitCode.error);
    destination = Buffer.concat([Buffer.from([0x03, name.length]), name]);
  }
  return Buffer.concat([Buffer.from([SOCKS_VERSION, SOCKS_CONNECT, 0x00]), destination, Buffer.from([port >> 8, port & 0xff])]);
}

/** The length of a CONNECT reply received whole in `bytes`, undefined while it is not. */
export function socksReplyLength(bytes: Buffer): number | undefined {
  if (bytes.length < 5) return undefined;
  const type = bytes[3];
  const addressLength = type === 0x01 ? 4 : type === 0x04 ? 16 : type === 0x03 ? 1 + (bytes[4] ?? 0) : undefined;
  if (addressLength === undefined) throw new Error(`its reply has an unknown address type ${type}`);
  const length = 4 + addressLength + 2;
  return bytes.length >= length ? length : undefined;
}

/** RFC 1928 section 6. */
export const SOCKS_REPLIES: Readonly<Record<number, string>> = {
  0x01: 'general SOCKS server failure',
  0x02: 'connection not allowed by ruleset',
  0x03: 'network unreachable',
  0x04: 'host unreachable',
  0x05: 'connection refused',
  0x06: 'TTL expired',
  0x07: 'command not supported',
  0x08: 'address type not supported',
};
