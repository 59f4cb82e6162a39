/**
 * Fills a throwaway etcd with many keys quickly: transactions of up to 128 puts and about 1 MB (etcd's default
 * limits are 128 operations and 1.5 MiB per request), several in flight at once, through etcd's JSON gateway.
 * Values are deterministic per key, so a reader's output can be checked without keeping them.
 */
import type { ThrowawayEtcd } from './throwaway-etcd.js';

export interface FillPlan {
  readonly prefix: string;
  readonly keys: number;
  readonly valueBytes: number;
  /** Write every key this many times (later rounds overwrite: history the reader has to skip). */
  readonly rounds?: number;
}

const MAX_OPS = 128;
const MAX_REQUEST_BYTES = 1_000_000;
const IN_FLIGHT = 4;

export function fillKey(plan: FillPlan, index: number): string {
  return `${plan.prefix}${String(index).padStart(8, '0')}`;
}

/** The value of key `index` written in `round`: a header naming both, padded with a repeating pattern. */
export function fillValue(plan: FillPlan, index: number, round: number): Buffer {
  const value = Buffer.alloc(plan.valueBytes, 'abcdefghijklmnopqrstuvwxyz0123456789');
  value.write(`${index}/${round};`);
  return value;
}

/** Writes each key once with `etcdctl put` (faster than the JSON gateway for values of a MB), four at a time. */
export async function putEachWithEtcdctl(etcd: ThrowawayEtcd, plan: FillPlan): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < plan.keys; i = next++) await etcd.etcdctl(['put', fillKey(plan, i)], fillValue(plan, i, 0));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

export async function bulkFill(etcd: ThrowawayEtcd, plan: FillPlan): Promise<void> {
  const perTxn = Math.max(1, Math.min(MAX_OPS, Math.floor(MAX_REQUEST_BYTES / (plan.valueBytes + 64))));
  for (let round = 0; round < (plan.rounds ?? 1); round++) {
    let next = 0;
    const worker = async () => {
      while (next < plan.keys) {
        const start = next;
        next = Math.min(plan.keys, start + perTxn);
        const success = [];
        for (let i = start; i < next; i++) {
          success.push({ request_put: { key: Buffer.from(fillKey(plan, i)).toString('base64'), value: fillValue(plan, i, round).toString('base64') } });
        }
        await etcd.gateway('/v3/kv/txn', { success });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  }
}
