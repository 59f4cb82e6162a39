/**
 * Issue 4 budget: from starting `kubectl etcd get` to its first request reaching the API server, against the time
 * `node -e 0` takes to run at all. The API server here is a bare HTTPS server in this process (client certificates
 * as a kubeadm admin.conf has them) that notes when each request arrives and answers an empty pod list.
 *
 * Timed two ways: bin/kubectl-etcd in a checkout (a shell script starting the pinned Node), and the single
 * executable of this platform, as krew installs it.
 *
 * For scale, the same run times the least any Node program can do here: a few lines that load node:https and send
 * the same request with the certificates given as files (no kubeconfig, no CLI). Loading Node's TLS stack alone
 * takes 15-20 ms, which `node -e 0` never pays.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiServerPki, writeKubeconfig } from '../test/cluster/apiserver/credentials.js';
import { hostExecutable } from './host-executable.js';
import { median, type BudgetLine } from './measure.js';

const repo = join(import.meta.dirname, '..');

/** Runs a process to its end; resolves with ms from spawn to `mark()` being called (or to exit when never called). */
function timeUntil(command: string, args: readonly string[], arm: (mark: () => void) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let marked: number | undefined;
    arm(() => (marked ??= performance.now() - start));
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'], env });
    child.once('error', reject);
    child.once('exit', () => resolve(marked ?? performance.now() - start));
  });
}

/** bin/kubectl-etcd keeps NODE_EXTRA_CA_CERTS from costing the first TLS context a read; so does the bare client. */
function withoutExtraCaCerts(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}

/** The bare client: the certificates as files, one GET of the etcd pods, exit on the answer. */
async function writeBareClient(dir: string, port: number, caCertPem: string, credentials: { certPem: string; keyPem: string }): Promise<string> {
  const files = { ca: join(dir, 'bare-ca.crt'), cert: join(dir, 'bare-client.crt'), key: join(dir, 'bare-client.key') };
  await Promise.all([writeFile(files.ca, caCertPem), writeFile(files.cert, credentials.certPem), writeFile(files.key, credentials.keyPem, { mode: 0o600 })]);
  const script = join(dir, 'bare-client.cjs');
  const read = (path: string) => `readFileSync(${JSON.stringify(path)})`;
  await writeFile(script, [
    "const { readFileSync } = require('node:fs');",
    "const { get } = require('node:https');",
    `get({ host: '127.0.0.1', port: ${port}, path: '/api/v1/namespaces/kube-system/pods?labelSelector=component%3Detcd', ` +
      `ca: ${read(files.ca)}, cert: ${read(files.cert)}, key: ${read(files.key)} }, (response) => response.resume());`,
    '',
  ].join('\n'));
  return script;
}

export async function startToFirstRequest(rounds = 25): Promise<BudgetLine[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-bench-'));
  let onRequest: (() => void) | undefined;
  try {
    const pki = await createApiServerPki(join(dir, 'pki'));
    const server = createServer({ key: pki.tls.keyPem, cert: pki.tls.certPem, ca: pki.tls.caCertPem, requestCert: true }, (request, response) => {
      onRequest?.();
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caCertPem: pki.tls.caCertPem, credentials: pki.admin });

    const bareClient = await writeBareClient(dir, (server.address() as AddressInfo).port, pki.tls.caCertPem, pki.admin);

    const args = ['get', '/registry/deployments', '--prefix', '--kubeconfig', kubeconfig];
    const executable = await hostExecutable();
    // The contenders, timed in turns each round so that the machine's noise hits them alike.
    const contenders: Record<string, () => Promise<number>> = {
      checkout: () => timeUntil(join(repo, 'bin', 'kubectl-etcd'), args, (mark) => (onRequest = mark)),
      ...(executable ? { executable: () => timeUntil(executable.path, args, (mark) => (onRequest = mark)) } : {}),
      baseline: () => timeUntil(process.execPath, ['-e', '0'], () => (onRequest = undefined)),
      bare: () => timeUntil(process.execPath, [bareClient], (mark) => (onRequest = mark), withoutExtraCaCerts()),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
    for (const run of Object.values(contenders)) await run();
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of Object.entries(contenders)) samples[name]!.push(await run());
    }
    server.close();
    const reference = median(samples['baseline']!);
    const floor = median(samples['bare']!);
    const line = (what: string, measured: number): BudgetLine => ({
      issue: '#4',
      what: `plugin start to first API request: ${what} get /registry/deployments --prefix`,
      measured: `${measured.toFixed(1)} ms`,
      baseline: `node -e 0 ${reference.toFixed(1)} ms (for scale: a bare node:https client ${floor.toFixed(1)} ms, ${(floor / reference).toFixed(2)}x)`,
      ratio: measured / reference,
      budget: 2,
      better: 'lower',
    });
    return [
      line('bin/kubectl-etcd (a checkout)', median(samples['checkout']!)),
      ...(executable ? [line(`the single executable as krew installs it (${executable.target.id})`, median(samples['executable']!))] : []),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const line of await startToFirstRequest()) console.log(`${line.what}: ${line.measured} vs ${line.baseline}: ratio ${line.ratio.toFixed(2)} (budget <= ${line.budget})`);
}
