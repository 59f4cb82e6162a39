/** The API server's certificates and client credentials, made per run as kubeadm makes them, and a kubeconfig. */
import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { createCertificateAuthority, issueCertificate, type CertificateFiles } from '../pki.js';

export interface ApiServerTls {
  /** The cluster CA: it signed the serving certificate and the client certificates the server accepts. */
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

export interface ClientCredentials {
  user: string;
  certPem: string;
  keyPem: string;
}

export interface ApiServerPki {
  tls: ApiServerTls;
  /** kubeadm's admin.conf user. */
  admin: ClientCredentials;
  /** Another user (a certificate with CN = user, O = groups), e.g. one RBAC faults deny something to. */
  issueClient: (user: string, groups?: readonly string[]) => Promise<ClientCredentials>;
}

async function pemsOf(files: CertificateFiles): Promise<{ certPem: string; keyPem: string }> {
  const [certPem, keyPem] = await Promise.all([readFile(files.certPath, 'utf8'), readFile(files.keyPath, 'utf8')]);
  return { certPem, keyPem };
}

/** Writes the CA and certificates into `dir`, which the caller owns and removes. */
export async function createApiServerPki(dir: string): Promise<ApiServerPki> {
  const ca = await createCertificateAuthority(dir, 'ca', 'kubernetes');
  let clients = 0;
  const issueClient = async (user: string, groups: readonly string[] = []): Promise<ClientCredentials> => {
    const files = await issueCertificate(ca, dir, `client-${++clients}`, { commonName: user, organizations: groups, usages: ['clientAuth'] });
    return { user, ...(await pemsOf(files)) };
  };
  const [caCertPem, serving, admin] = await Promise.all([
    readFile(ca.certPath, 'utf8'),
    issueCertificate(ca, dir, 'apiserver', {
      commonName: 'kube-apiserver',
      usages: ['serverAuth'],
      dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'],
      ipAddresses: ['127.0.0.1'],
    }).then(pemsOf),
    issueClient('kubernetes-admin', ['kubeadm:cluster-admins']),
  ]);
  return { tls: { caCertPem, ...serving }, admin, issueClient };
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** Writes a kubeconfig (mode 0600) shaped like kubeadm's admin.conf, with one cluster, user and context. */
export async function writeKubeconfig(
  path: string,
  options: { server: string; caCertPem: string; credentials: ClientCredentials; namespace?: string },
): Promise<void> {
  const cluster = 'kubernetes';
  const user = options.credentials.user;
  const context = `${user}@${cluster}`;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: options.server, 'certificate-authority-data': base64(options.caCertPem) } }],
    users: [
      {
        name: user,
        user: {
          'client-certificate-data': base64(options.credentials.certPem),
          'client-key-data': base64(options.credentials.keyPem),
        },
      },
    ],
    contexts: [{ name: context, context: { cluster, user, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': context,
    preferences: {},
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
