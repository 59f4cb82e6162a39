/** Entry point of the ESM bundle, run by the Node on PATH (an npm install). */
import module from 'node:module';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`error: kubectl-etcd needs Node.js 22.19 or newer; this is ${process.version}\n`);
  process.exit(1);
}
// Later runs reuse V8's compiled code for the bundle.
module.enableCompileCache?.();
const [{ main }, { ITEM_WORKER_LIMITS, registerItemWorkers }, { Worker }] = await Promise.all([
  import('./main.js'), import('../render/item-worker-starter.js'), import('node:worker_threads'),
]);
registerItemWorkers((workerData) => new Worker(new URL('./kubectl-etcd-item-worker.mjs', import.meta.url), { workerData, resourceLimits: ITEM_WORKER_LIMITS }));
process.exitCode = await main(process.argv.slice(2));
