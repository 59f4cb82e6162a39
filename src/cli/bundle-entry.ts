/** Entry of the one-file CLI bundle (dist/kubectl-etcd.cjs) the launcher compiles: what it runs, in each thread. */
export { main } from './main.js';
export { ITEM_WORKER_LIMITS as itemWorkerLimits, registerItemWorkers, serveItemWorker } from '../render/item-worker-starter.js';
export { offerEarlyRequests } from '../kube/early-handover.js';
