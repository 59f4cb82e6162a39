/** Entry of the ES module build's worker threads that format List items (see render/item-workers.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { serveItemWorker, type ItemWorkerData } from '../render/item-worker-starter.js';

if (parentPort !== null) void serveItemWorker(workerData as ItemWorkerData, parentPort);
