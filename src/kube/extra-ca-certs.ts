/**
 * NODE_EXTRA_CA_CERTS, handed over by bin/kubectl-etcd as KUBECTL_ETCD_EXTRA_CA_CERTS. Node reads that file when
 * the first TLS context is made, even one given its own CA, as nearly every kubeconfig's is, which then never uses
 * it: a system bundle costs 5-10 ms on every run. Like kubectl, a connection with the kubeconfig's CA trusts that
 * CA alone; the extra certificates join Node's own roots only where those apply, when the kubeconfig names no CA.
 */
import { readFileSync } from 'node:fs';

export const EXTRA_CA_VARIABLE = 'KUBECTL_ETCD_EXTRA_CA_CERTS';

/** Programs this one starts (credential plugins) see NODE_EXTRA_CA_CERTS as the user set it. */
export function restoreExtraCaVariable(environment: NodeJS.ProcessEnv = process.env): void {
  const file = environment[EXTRA_CA_VARIABLE];
  if (file !== undefined && file !== '' && environment['NODE_EXTRA_CA_CERTS'] === undefined) environment['NODE_EXTRA_CA_CERTS'] = file;
}

/**
 * The certificate authorities for a server the kubeconfig names no CA for: undefined for Node's defaults, or those
 * and the extra ones when bin/kubectl-etcd handed them over. An unreadable file is skipped, as Node skips it.
 */
export function defaultTrust(environment: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const file = environment[EXTRA_CA_VARIABLE];
  if (file === undefined || file === '') return undefined;
  try {
    // node:tls is taken only here: every command calls restoreExtraCaVariable, few make connections.
    return [...process.getBuiltinModule('node:tls').rootCertificates, readFileSync(file, 'utf8')];
  } catch {
    return undefined;
  }
}
