/** Entry point of the ESM bundle, run by the Node on PATH (an npm install). */
import module from 'node:module';
import { earlyRequestOptions } from '../kube/early-options.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`error: kubectl-etcd needs Node.js 22.19 or newer; this is ${process.version}\n`);
  process.exit(1);
}
// Later runs reuse V8's compiled code for the bundle.
module.enableCompileCache?.();
const args = process.argv.slice(2);
// A command that reaches etcd asks for the etcd pods first, and the CLI loads while the API server answers
// (src/kube/early-requests.ts, as bin/kubectl-etcd's launcher does).
const early = earlyRequestOptions(args) === undefined ? undefined : await import('../kube/early-requests.js').then((sending) => sending.sendEarlyRequests(args)).catch(() => undefined);
const [{ main }, { ITEM_WORKER_LIMITS, registerItemWorkers }, { Worker }, { offerEarlyRequests }] = await Promise.all([
  import('./main.js'), import('../render/item-worker-starter.js'), import('node:worker_threads'), import('../kube/early-handover.js'),
]);
registerItemWorkers((workerData) => new Worker(new URL('./kubectl-etcd-item-worker.mjs', import.meta.url), { workerData, resourceLimits: ITEM_WORKER_LIMITS }));
offerEarlyRequests(early);
process.exitCode = await main(args);
early?.abandon();
