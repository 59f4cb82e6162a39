import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProgram } from './run.js';

/** A certificate and its private key, both PEM files. */
export interface CertificateFiles {
  certPath: string;
  keyPath: string;
}

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertificateRequest {
  commonName: string;
  organizations?: readonly string[];
  usages: readonly ExtendedKeyUsage[];
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  validityDays?: number;
}

/** The etcd certificates of one control-plane node, laid out as kubeadm writes them under its pki folder. */
export interface EtcdNodePki {
  pkiDir: string;
  ca: CertificateFiles;
  server: CertificateFiles;
  peer: CertificateFiles;
  healthcheckClient: CertificateFiles;
  /** In the parent pki folder, not in pki/etcd: the etcd pod cannot see it. */
  apiserverEtcdClient: CertificateFiles;
}

// kubeadm's validity periods: ten years for a CA, one year for what it signs.
const CA_VALIDITY_DAYS = 3650;
const LEAF_VALIDITY_DAYS = 365;

// An empty configuration keeps the distribution's openssl.cnf defaults (CA:TRUE on every req -x509) out of leaf certificates.
const EMPTY_OPENSSL_CONFIG = '[req]\ndistinguished_name = dn\n[dn]\n';

function subjectOf(commonName: string, organizations: readonly string[] = []): string {
  const escape = (value: string) => value.replace(/[/\\+=]/g, (c) => `\\${c}`);
  return [...organizations.map((o) => `/O=${escape(o)}`), `/CN=${escape(commonName)}`].join('');
}

function subjectAltName(request: CertificateRequest): string | undefined {
  const names = [
    ...(request.dnsNames ?? []).map((name) => `DNS:${name}`),
    ...(request.ipAddresses ?? []).map((ip) => `IP:${ip}`),
  ];
  return names.length > 0 ? names.join(',') : undefined;
}

function leafExtensions(request: CertificateRequest): string[] {
  const extensions = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${request.usages.join(',')}`,
  ];
  const sans = subjectAltName(request);
  if (sans) extensions.push(`subjectAltName=${sans}`);
  return extensions;
}

function randomSerial(): string {
  // Positive 127-bit serial, as Go's crypto/x509 users (kubeadm) pick them.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString('hex')}`;
}

async function generate(files: CertificateFiles, args: readonly string[]): Promise<CertificateFiles> {
  // openssl cannot read its configuration from a socket stdin, so it gets a file that lives only for this call.
  const configPath = `${files.keyPath}.openssl.cnf`;
  await writeFile(configPath, EMPTY_OPENSSL_CONFIG);
  try {
    await runProgram('openssl', [
      'req', '-x509', '-new', '-newkey', 'rsa:2048', '-nodes', '-config', configPath,
      '-keyout', files.keyPath, '-out', files.certPath, ...args,
    ]);
  } finally {
    await rm(configPath, { force: true });
  }
  await chmod(files.keyPath, 0o600);
  return files;
}

function filesIn(dir: string, baseName: string): CertificateFiles {
  return { certPath: join(dir, `${baseName}.crt`), keyPath: join(dir, `${baseName}.key`) };
}

/** Writes `<dir>/<baseName>.{crt,key}`: a self-signed CA. */
export async function createCertificateAuthority(dir: string, baseName: string, commonName: string): Promise<CertificateFiles> {
  await mkdir(dir, { recursive: true });
  return generate(filesIn(dir, baseName), [
    '-days', String(CA_VALIDITY_DAYS),
    '-set_serial', randomSerial(),
    '-subj', subjectOf(commonName),
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
  ]);
}

/** Writes `<dir>/<baseName>.{crt,key}`: a certificate signed by `ca` with the usages and SANs asked for. */
export async function issueCertificate(
  ca: CertificateFiles,
  dir: string,
  baseName: string,
  request: CertificateRequest,
): Promise<CertificateFiles> {
  await mkdir(dir, { recursive: true });
  return generate(filesIn(dir, baseName), [
    '-CA', ca.certPath,
    '-CAkey', ca.keyPath,
    '-days', String(request.validityDays ?? LEAF_VALIDITY_DAYS),
    '-set_serial', randomSerial(),
    '-subj', subjectOf(request.commonName, request.organizations),
    ...leafExtensions(request).flatMap((extension) => ['-addext', extension]),
  ]);
}

/** Writes `<pkiDir>/etcd/ca.{crt,key}`, the etcd CA kubeadm calls etcd-ca. */
export function createEtcdCertificateAuthority(pkiDir: string): Promise<CertificateFiles> {
  return createCertificateAuthority(join(pkiDir, 'etcd'), 'ca', 'etcd-ca');
}

/**
 * Writes the etcd certificates of one control-plane node the way `kubeadm init phase certs` does: the etcd CA
 * (copied in when it lives elsewhere, as kubeadm copies it to joining control-plane nodes), `etcd/server` and
 * `etcd/peer` (serverAuth+clientAuth, SANs localhost, the node name, its IPs and ::1), `etcd/healthcheck-client`
 * and `apiserver-etcd-client` (clientAuth) in the parent folder.
 */
export async function writeEtcdNodePki(
  pkiDir: string,
  node: { name: string; ipAddresses: readonly string[] },
  ca: CertificateFiles,
): Promise<EtcdNodePki> {
  const etcdDir = join(pkiDir, 'etcd');
  await mkdir(etcdDir, { recursive: true });
  const localCa = filesIn(etcdDir, 'ca');
  if (localCa.certPath !== ca.certPath) {
    await copyFile(ca.certPath, localCa.certPath);
    await copyFile(ca.keyPath, localCa.keyPath);
    await chmod(localCa.keyPath, 0o600);
  }
  const memberNames = {
    dnsNames: [node.name, 'localhost'],
    ipAddresses: [...new Set([...node.ipAddresses, '127.0.0.1', '::1'])],
  };
  const [server, peer, healthcheckClient, apiserverEtcdClient] = await Promise.all([
    issueCertificate(localCa, etcdDir, 'server', { commonName: node.name, usages: ['serverAuth', 'clientAuth'], ...memberNames }),
    issueCertificate(localCa, etcdDir, 'peer', { commonName: node.name, usages: ['serverAuth', 'clientAuth'], ...memberNames }),
    issueCertificate(localCa, etcdDir, 'healthcheck-client', { commonName: 'kube-etcd-healthcheck-client', usages: ['clientAuth'] }),
    issueCertificate(localCa, pkiDir, 'apiserver-etcd-client', { commonName: 'kube-apiserver-etcd-client', usages: ['clientAuth'] }),
  ]);
  return { pkiDir, ca: localCa, server, peer, healthcheckClient, apiserverEtcdClient };
}
