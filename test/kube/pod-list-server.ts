/**
 * A bare API server for tests of how requests are made (not what the cluster holds): HTTPS with kubeadm-style
 * client certificates, every pod and node list empty, and a log of the requests it received.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiServerPki, writeKubeconfig, type ApiServerPki } from '../cluster/apiserver/credentials.js';

export interface PodListServer {
  readonly url: string;
  readonly pki: ApiServerPki;
  /** An admin kubeconfig for the server (written in the server's scratch folder). */
  readonly kubeconfig: string;
  /** The scratch folder, removed by stop(). */
  readonly dir: string;
  /** Request paths (with query) in the order they arrived. */
  readonly received: string[];
  /** How many times `path` was asked for. */
  count(path: string): number;
  /** How many TLS connections clients opened so far. */
  connections(): number;
  stop(): Promise<void>;
}

function answer(path: string): { status: number; body: object } {
  if (/^\/api\/v1\/(namespaces\/[^/]+\/)?pods(\?|$)/.test(path)) return { status: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] } };
  if (/^\/api\/v1\/nodes(\?|$)/.test(path)) return { status: 200, body: { kind: 'NodeList', apiVersion: 'v1', metadata: {}, items: [] } };
  return { status: 404, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${path} not found` } };
}

export async function startPodListServer(): Promise<PodListServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-pod-list-'));
  const pki = await createApiServerPki(join(dir, 'pki'));
  const received: string[] = [];
  const server = createServer({ key: pki.tls.keyPem, cert: pki.tls.certPem, ca: pki.tls.caCertPem, requestCert: true }, (request, response) => {
    const path = request.url ?? '';
    received.push(path);
    const { status, body } = answer(path);
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  let connections = 0;
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, { server: url, caCertPem: pki.tls.caCertPem, credentials: pki.admin });
  return {
    url,
    pki,
    kubeconfig,
    dir,
    received,
    count: (path) => received.filter((seen) => seen === path).length,
    connections: () => connections,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
