/**
 * What the launcher's early requests (src/kube/early-requests.ts) leave for the CLI, and the rule for taking them
 * over: the same access, by the first API client that resolves it.
 */
import type { Duplex } from 'node:stream';
import type { SecureContext } from 'node:tls';
import type { ApiResponse } from './api-client.js';
import type { ApiServerAccess } from './kubeconfig.js';

export interface EarlyRequests {
  readonly access: ApiServerAccess;
  /** The TLS context the request was sent with (https:// only): the CLI's connections share it. */
  readonly secureContext: SecureContext | undefined;
  /** The API path asked for. */
  readonly path: string;
  /** The answer to GET `path` when it was sent early; taken at most once. */
  take(path: string): Promise<ApiResponse> | undefined;
  /**
   * The connection the answer came on, once it is complete and the connection idle and open, for the CLI's first
   * new connection to reuse (no second handshake); undefined otherwise. Given at most once.
   */
  takeConnection(): Duplex | undefined;
  /** Ends the connection when nobody took it over (the command never connected, or connected elsewhere). */
  abandon(): void;
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

/** Whether two accesses reach the same server the same way (the description, for -v only, may differ). */
export function sameAccess(a: ApiServerAccess, b: ApiServerAccess): boolean {
  const headers = (access: ApiServerAccess) => JSON.stringify(Object.entries(access.headers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return (
    a.server === b.server &&
    sameBytes(a.ca, b.ca) &&
    sameBytes(a.cert, b.cert) &&
    sameBytes(a.key, b.key) &&
    a.servername === b.servername &&
    a.rejectUnauthorized === b.rejectUnauthorized &&
    a.proxyUrl === b.proxyUrl &&
    headers(a) === headers(b)
  );
}

let offered: EarlyRequests | undefined;

/** The launcher hands the CLI the requests it sent. */
export function offerEarlyRequests(early: EarlyRequests | undefined): void {
  offered = early;
}

/** The early requests, for the first API client with their access (only it takes them over). */
export function claimEarlyRequests(access: ApiServerAccess): EarlyRequests | undefined {
  if (offered === undefined || !sameAccess(offered.access, access)) return undefined;
  const early = offered;
  offered = undefined;
  return early;
}
