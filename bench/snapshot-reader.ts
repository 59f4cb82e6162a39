/**
 * Issue 6, the offline reader on a 1 GB snapshot written by real etcd (1000 values of 1 MiB and 100000 small keys
 * under /registry, saved with `etcdctl snapshot save`):
 * - memory: the whole range read (every value), a key's history, status and the trailer check, with the peak of
 *   live memory (heap and buffers after a full collection) against the file's size: budget 5 %;
 * - time: reading every key and value under /registry offline against the running etcd serving
 *   `etcdctl get --prefix /registry -w json` for the same data (no decoding on either side): budget 1.2x.
 * Filling etcd takes a few minutes. Run alone with `tsx bench/snapshot-reader.ts`; `snapshotReaderOnOneGigabyte`
 * is the suite for bench/run.ts.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prefixEnd } from '../src/etcd/key-value-source.js';
import { MvccStore } from '../src/etcd/snapshot/mvcc-store.js';
import { snapshotStatus } from '../src/etcd/snapshot/snapshot-status.js';
import { checkSha256Trailer } from '../src/etcd/snapshot/snapshot-trailer.js';
import { bulkFill, fillKey, putEachWithEtcdctl, type FillPlan } from '../test/etcd/snapshot/bulk-fill.js';
import { peakTracker } from '../test/etcd/snapshot/live-memory.js';
import { startThrowawayEtcd, type ThrowawayEtcd } from '../test/etcd/snapshot/throwaway-etcd.js';
import { compareProcesses, timeProcess, verdict, type BudgetLine } from './measure.js';

const BLOBS: FillPlan = { prefix: '/registry/blobs/', keys: 1000, valueBytes: 1024 * 1024 };
const SMALL: FillPlan = { prefix: '/registry/small/', keys: 100_000, valueBytes: 500 };
const REGISTRY = Buffer.from('/registry/');

async function fill(etcd: ThrowawayEtcd): Promise<void> {
  await putEachWithEtcdctl(etcd, BLOBS);
  await bulkFill(etcd, SMALL);
}

/** Reads every key and value under /registry; returns the bytes of values read. */
function readRegistry(store: MvccStore, onValue?: () => void): number {
  let bytes = 0;
  for (const kv of store.rangeLazily({ key: REGISTRY, rangeEnd: prefixEnd(REGISTRY) }).kvs) {
    bytes += kv.value.length;
    onValue?.();
  }
  return bytes;
}

async function peakMemory(snapshot: string): Promise<number> {
  const memory = peakTracker();
  const sample = () => memory.sample();
  let values = 0;
  const store = MvccStore.open(snapshot);
  try {
    readRegistry(store, () => {
      if (++values % 1000 === 0) sample();
    });
    store.history({ key: Buffer.from(fillKey(SMALL, 4242)) });
    sample();
    snapshotStatus(store.db);
    sample();
  } finally {
    store.close();
  }
  await checkSha256Trailer(snapshot);
  sample();
  return memory.peak;
}

export async function snapshotReaderOnOneGigabyte(): Promise<BudgetLine[]> {
  const etcd = await startThrowawayEtcd(['--quota-backend-bytes=8589934592']);
  try {
    const fillStart = process.hrtime.bigint();
    await fill(etcd);
    const snapshot = join(etcd.dir, 'one-gigabyte.db');
    await etcd.etcdctl(['snapshot', 'save', snapshot]);
    const fileBytes = (await stat(snapshot)).size;
    console.info(`(info) etcd filled and saved in ${(Number(process.hrtime.bigint() - fillStart) / 1e9).toFixed(0)} s`);

    const timings = compareProcesses({
      'etcdctl get': () => timeProcess('etcdctl', [`--endpoints=${etcd.endpoint}`, '--command-timeout=10m', 'get', '--prefix', '/registry', '-w', 'json'], { PATH: process.env.PATH, ETCDCTL_API: '3' }),
      'offline read': () => {
        const start = process.hrtime.bigint();
        const store = MvccStore.open(snapshot);
        try {
          readRegistry(store);
        } finally {
          store.close();
        }
        return Number(process.hrtime.bigint() - start) / 1e6;
      },
    }, 3);
    const peak = await peakMemory(snapshot);

    const statusStart = process.hrtime.bigint();
    const store = MvccStore.open(snapshot);
    try {
      snapshotStatus(store.db);
    } finally {
      store.close();
    }
    const statusMs = Number(process.hrtime.bigint() - statusStart) / 1e6;
    const etcdctlStatusMs = timeProcess('etcdctl', ['snapshot', 'status', '-w', 'json', snapshot], { PATH: process.env.PATH, ETCDCTL_API: '3' });
    console.info(`(info) snapshot status of ${(fileBytes / 2 ** 20).toFixed(0)} MiB: ${statusMs.toFixed(0)} ms here, etcdctl ${etcdctlStatusMs.toFixed(0)} ms`);

    const offline = timings['offline read'] as number;
    const online = timings['etcdctl get'] as number;
    return [
      {
        issue: '#6', what: `offline reader: every key and value of a ${(fileBytes / 2 ** 20).toFixed(0)} MiB snapshot read, its history, status and trailer`,
        measured: `peak live memory ${(peak / 2 ** 20).toFixed(1)} MiB`, baseline: `file ${(fileBytes / 2 ** 20).toFixed(0)} MiB`,
        ratio: peak / fileBytes, budget: 0.05, better: 'lower',
      },
      {
        issue: '#6', what: `offline read of every key and value under /registry (${BLOBS.keys + SMALL.keys} keys) vs the live etcd`,
        measured: `${offline.toFixed(0)} ms`, baseline: `etcdctl get --prefix /registry -w json ${online.toFixed(0)} ms`,
        ratio: offline / online, budget: 1.2, better: 'lower',
      },
    ];
  } finally {
    await etcd.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await snapshotReaderOnOneGigabyte()) {
    console.log(`${line.issue} ${line.what}\n    ${line.measured} vs ${line.baseline}: ratio ${line.ratio.toFixed(3)} (budget <= ${line.budget}) ${verdict(line)}`);
  }
}
