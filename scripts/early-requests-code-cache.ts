/**
 * `node --import tsx scripts/early-requests-code-cache.ts EARLY OUT`: compiles the early-requests file as the
 * launcher does, sends its request the two ways a run meets (a server that answers, over plain HTTP here, since
 * the build has no certificates; an HTTPS server that is not there) so that V8 compiles the kubeconfig, request and
 * response code, and writes the code cache holding it to OUT. Run it with the Node that will use the cache.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEarlyRequests } from '../src/cli/cli-bundle.js';
import { trainingKubeconfig } from './training-kubeconfig.js';

const [script, out] = process.argv.slice(2);
if (script === undefined || out === undefined) throw new Error('usage: early-requests-code-cache.ts EARLY OUT');

const scratch = mkdtempSync(join(tmpdir(), 'kubectl-etcd-early-code-cache-'));
const server = createServer((request, response) => {
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] }));
});
try {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const answering = join(scratch, 'answering');
  const absent = join(scratch, 'absent');
  writeFileSync(answering, trainingKubeconfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  writeFileSync(absent, trainingKubeconfig('https://127.0.0.1:1', { insecureSkipTlsVerify: true }));
  const compiled = compileEarlyRequests(readFileSync(script, 'latin1'), script);
  for (const [config, answers] of [[answering, true], [absent, false]] as const) {
    const early = await compiled.sendEarlyRequests(['get', '/registry', '--prefix', '--kubeconfig', config], {});
    if (early === undefined) throw new Error(`no early requests for ${config}: the code cache would not hold what it should`);
    const answered = await early.take(early.path)?.then(() => true, () => false);
    early.abandon();
    if (answered !== answers) throw new Error(`early requests to ${config} ${answers ? 'failed' : 'were answered'}: the code cache would not hold what it should`);
  }
  writeFileSync(out, compiled.createCodeCache());
} finally {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
}
