/**
 * The TLS context of an API server access: the kubeconfig's CA (or Node's roots with NODE_EXTRA_CA_CERTS' file),
 * client certificate and key, made once and shared by every connection to that server.
 */
import type { SecureContext } from 'node:tls';
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';
import { defaultTrust } from './extra-ca-certs.js';
import type { ApiServerAccess } from './kubeconfig.js';

/** The certificates an https:// server's certificate is checked against; undefined: Node's roots. */
export function serverTrust(access: ApiServerAccess, env: NodeJS.ProcessEnv): Buffer | string[] | undefined {
  // The extra certificates are read only for a connection that uses them.
  return access.ca ?? defaultTrust(env);
}

/** The TLS context of the access's CA and client credentials; one OpenSSL cannot use is the kubeconfig's fault. */
export function apiServerTlsContext(access: ApiServerAccess, env: NodeJS.ProcessEnv): SecureContext {
  const ca = serverTrust(access, env);
  // Taken here rather than imported: the launcher's early request (early-requests.ts) loads Node's TLS stack while
  // it reads the kubeconfig, not before.
  const { createSecureContext } = process.getBuiltinModule('node:tls');
  try {
    return createSecureContext({ ...(ca ? { ca } : {}), ...(access.cert ? { cert: access.cert } : {}), ...(access.key ? { key: access.key } : {}) });
  } catch (error) {
    const reason = (error as Error).message.replace(/^error:[0-9A-F]+:/, '');
    throw new ClusterError(
      `the client certificate, key or CA of ${access.description} cannot be used: ${reason}`,
      ExitCode.error,
      'check the client-certificate(-data), client-key(-data) and certificate-authority(-data) entries: PEM, and the key matching the certificate',
    );
  }
}
