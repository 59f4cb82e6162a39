/**
 * What the snapshot tests write into a real etcd, and how they read it back from etcd itself (etcdctl and the JSON
 * gateway) to compare with the offline reader.
 */
import { parseRangeResponse, type KeyValue, type RangeResponse } from '../../../src/etcd/etcdctl-json.js';
import type { ThrowawayEtcd } from './throwaway-etcd.js';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

interface GatewayKv {
  key?: string;
  value?: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
  lease?: string;
}

interface GatewayRange {
  header: { revision: string };
  kvs?: GatewayKv[];
  count?: string;
}

function gatewayKv(kv: GatewayKv): KeyValue {
  const lease = BigInt(kv.lease ?? '0');
  return {
    key: Buffer.from(kv.key ?? '', 'base64'),
    value: Buffer.from(kv.value ?? '', 'base64'),
    createRevision: Number(kv.create_revision ?? 0),
    modRevision: Number(kv.mod_revision ?? 0),
    version: Number(kv.version ?? 0),
    lease: lease <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(lease) : lease,
  };
}

/** Every key at `revision` (0 for the latest) as etcd's gateway returns it. */
export async function gatewayRangeAll(etcd: ThrowawayEtcd, revision = 0): Promise<{ revision: number; kvs: KeyValue[] }> {
  const answer = (await etcd.gateway('/v3/kv/range', { key: b64('\0'), range_end: b64('\0'), revision: String(revision) })) as GatewayRange;
  return { revision: Number(answer.header.revision), kvs: (answer.kvs ?? []).map(gatewayKv) };
}

/** `etcdctl get <args> -w json`, parsed with 64-bit numbers exact. */
export async function etcdctlGet(etcd: ThrowawayEtcd, args: readonly string[]): Promise<RangeResponse> {
  const { stdout } = await etcd.etcdctl(['get', '-w', 'json', ...args]);
  return parseRangeResponse(stdout.toString('utf8'));
}

async function put(etcd: ThrowawayEtcd, key: Uint8Array | string, value: Uint8Array | string, lease?: string): Promise<number> {
  const answer = (await etcd.gateway('/v3/kv/put', { key: b64(key), value: b64(value), ...(lease ? { lease: BigInt(`0x${lease}`).toString() } : {}) })) as GatewayRange;
  return Number(answer.header.revision);
}

/** A transaction of puts and range deletions, all in one revision (sub revisions 0, 1, ...). */
async function txn(etcd: ThrowawayEtcd, ops: ({ put: [string, string] } | { deletePrefix: string })[]): Promise<number> {
  const success = ops.map((op) =>
    'put' in op
      ? { request_put: { key: b64(op.put[0]), value: b64(op.put[1]) } }
      : { request_delete_range: { key: b64(op.deletePrefix), range_end: b64(prefixEndText(op.deletePrefix)) } },
  );
  const answer = (await etcd.gateway('/v3/kv/txn', { success })) as GatewayRange;
  return Number(answer.header.revision);
}

function prefixEndText(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  end[end.length - 1] = (end[end.length - 1] as number) + 1;
  return end;
}

export const BULK_KEYS = 3000;
/** Large enough to span several pages (overflow pages in bbolt). */
export const BIG_VALUE_BYTES = 200_000;
export const BINARY_KEY = Buffer.from([0x2f, 0x62, 0x69, 0x6e, 0xff, 0x00, 0x01, 0x80]);

export interface ScenarioRecord {
  /** Hex lease ID, as etcdctl prints it. */
  readonly lease: string;
  readonly compactedAt: number;
  /** The revision before the compaction at which /app/config held v2. */
  readonly configV2Revision: number;
  readonly current: number;
}

/**
 * Several revisions of one key, a deletion and re-creation, binary keys and values, a leased key, multi-op
 * transactions and a prefix deletion (sub revisions, several tombstones in one revision), thousands of keys (a
 * multi-level tree), a value spanning pages, an empty value, a compaction in the middle of it all, writes after it,
 * and auth users and roles.
 */
export async function writeScenario(etcd: ThrowawayEtcd): Promise<ScenarioRecord> {
  await put(etcd, '/app/config', 'v1');
  const configV2Revision = await put(etcd, '/app/config', 'v2');
  await put(etcd, '/app/config', 'v3');
  await put(etcd, '/app/doomed', 'first life');
  await etcd.etcdctl(['del', '/app/doomed']);
  await put(etcd, '/app/doomed', 'second life');
  await put(etcd, BINARY_KEY, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  const { stdout } = await etcd.etcdctl(['lease', 'grant', '3600']);
  const lease = /lease ([0-9a-f]+) granted/.exec(stdout.toString('utf8'))?.[1];
  if (!lease) throw new Error(`unexpected lease grant output: ${stdout.toString('utf8')}`);
  await put(etcd, '/app/leased', 'expires in an hour', lease);
  await txn(etcd, [{ put: ['/txn/a', '1'] }, { put: ['/txn/b', '2'] }, { put: ['/txn/c', '3'] }]);
  await txn(etcd, [{ deletePrefix: '/txn/' }, { put: ['/app/after-txn', 'after the deletion'] }]);
  await put(etcd, '/txn/b', 'back');

  const filler = 'x'.repeat(200);
  for (let start = 0; start < BULK_KEYS; start += 100) {
    await txn(etcd, Array.from({ length: 100 }, (_, i) => ({ put: [`/bulk/${String(start + i).padStart(5, '0')}`, `${start + i} ${filler}`] as [string, string] })));
  }
  const compactedAt = await put(etcd, '/app/config', 'v4');
  for (let start = 0; start < 500; start += 100) {
    await txn(etcd, Array.from({ length: 100 }, (_, i) => ({ put: [`/bulk/${String(start + i).padStart(5, '0')}`, `second ${start + i}`] as [string, string] })));
  }
  await txn(etcd, [{ deletePrefix: '/bulk/004' }]);
  await etcd.etcdctl(['compact', String(compactedAt)]);
  await put(etcd, '/big/value', Buffer.alloc(BIG_VALUE_BYTES, 0x42));
  await put(etcd, '/empty', '');
  const current = await put(etcd, '/app/config', 'v5');

  await etcd.etcdctl(['user', 'add', 'alice', '--new-user-password=not-a-secret']);
  await etcd.etcdctl(['role', 'add', 'reader']);
  await etcd.etcdctl(['role', 'grant-permission', 'reader', 'read', '/app/', '--prefix']);
  await etcd.etcdctl(['role', 'grant-permission', 'reader', 'readwrite', '/txn/a']);
  await etcd.etcdctl(['user', 'grant-role', 'alice', 'reader']);
  return { lease, compactedAt, configV2Revision, current };
}
