/**
 * A failure to reach the API server, in words: refused, unknown host, TLS trust, no answer in time. Shared by the
 * API client, exec, writes and the launcher's early request, which must word a failure the same way.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';

/** Per request: connecting, the TLS handshake and the whole response. */
export const REQUEST_TIMEOUT_MS = 15_000;

export function timeoutError(server: string, timeoutMs: number): ClusterError {
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
