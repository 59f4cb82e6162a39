import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEtcdCertificateAuthority, writeEtcdNodePki, type CertificateFiles, type EtcdNodePki } from './pki.js';
import { runProgram } from './run.js';

async function certificateText(certificate: CertificateFiles): Promise<string> {
  const { stdout } = await runProgram('openssl', ['x509', '-in', certificate.certPath, '-noout', '-text']);
  return stdout.toString('utf8');
}

async function verifies(ca: CertificateFiles, certificate: CertificateFiles, purpose: 'sslserver' | 'sslclient'): Promise<boolean> {
  const args = ['verify', '-CAfile', ca.certPath, '-purpose', purpose, certificate.certPath];
  return runProgram('openssl', args).then(() => true, () => false);
}

describe('kubeadm-style etcd pki', () => {
  let dir: string;
  let pki: EtcdNodePki;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-pki-test-'));
    const pkiDir = join(dir, 'etc/kubernetes/pki');
    pki = await writeEtcdNodePki(pkiDir, { name: 'control-plane-1', ipAddresses: ['127.0.0.1'] }, await createEtcdCertificateAuthority(pkiDir));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lays the files out as kubeadm does, apiserver-etcd-client in the parent folder', () => {
    const pkiDir = join(dir, 'etc/kubernetes/pki');
    expect(pki.server.certPath).toBe(join(pkiDir, 'etcd/server.crt'));
    expect(pki.peer.keyPath).toBe(join(pkiDir, 'etcd/peer.key'));
    expect(pki.healthcheckClient.certPath).toBe(join(pkiDir, 'etcd/healthcheck-client.crt'));
    expect(pki.apiserverEtcdClient.certPath).toBe(join(pkiDir, 'apiserver-etcd-client.crt'));
    expect(pki.ca.certPath).toBe(join(pkiDir, 'etcd/ca.crt'));
  });

  it('makes the CA a CA named etcd-ca', async () => {
    const text = await certificateText(pki.ca);
    expect(text).toContain('Subject: CN = etcd-ca');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toContain('Certificate Sign');
  });

  it('gives server.crt and peer.crt both server and client auth with the node names as SANs', async () => {
    for (const certificate of [pki.server, pki.peer]) {
      const text = await certificateText(certificate);
      expect(text).toContain('TLS Web Server Authentication, TLS Web Client Authentication');
      expect(text).toMatch(/DNS:control-plane-1, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/);
      expect(text).toMatch(/CA:FALSE/);
      expect(await verifies(pki.ca, certificate, 'sslserver')).toBe(true);
      expect(await verifies(pki.ca, certificate, 'sslclient')).toBe(true);
    }
  });

  it('makes the healthcheck and apiserver clients client-only certificates', async () => {
    for (const [certificate, name] of [[pki.healthcheckClient, 'kube-etcd-healthcheck-client'], [pki.apiserverEtcdClient, 'kube-apiserver-etcd-client']] as const) {
      const text = await certificateText(certificate);
      expect(text).toContain(`Subject: CN = ${name}`);
      expect(text).not.toContain('TLS Web Server Authentication');
      expect(await verifies(pki.ca, certificate, 'sslclient')).toBe(true);
      expect(await verifies(pki.ca, certificate, 'sslserver')).toBe(false);
    }
  });

  it('keeps private keys readable by their owner only', async () => {
    expect((await stat(pki.server.keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(pki.ca.keyPath)).mode & 0o777).toBe(0o600);
  });
});
