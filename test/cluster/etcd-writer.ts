/**
 * Writes many keys into the real etcd. Through the real etcdctl: `etcdctl txn` reads its operations from stdin,
 * each value Go-quoted so arbitrary bytes (protobuf) survive, up to the server's limits per transaction. For bulk
 * loads, through etcd's own gRPC-JSON gateway (`POST /v3/kv/txn` on the client port): measured 2.5 times faster
 * (20000 objects: 3.3 s against 8.0 s) since no process starts per batch.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { EtcdCluster } from './etcd.js';

export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Hex lease ID the key is attached to. */
  lease?: string;
}

// etcd's defaults: --max-txn-ops 128 and --max-request-bytes 1.5 MiB (the request also carries the keys).
const MAX_OPS_PER_TXN = 128;
const MAX_BYTES_PER_TXN = 1_000_000;
const PARALLEL_TXNS = 4;

const HEX_DIGITS = Buffer.from('0123456789abcdef');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A Go double-quoted string literal of the bytes (what etcdctl's txn parser unquotes with %q). */
export function goQuote(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length * 4 + 2);
  let at = 0;
  out[at++] = QUOTE;
  for (const byte of bytes) {
    if (byte >= 0x20 && byte < 0x7f && byte !== QUOTE && byte !== BACKSLASH) {
      out[at++] = byte;
    } else {
      out[at++] = BACKSLASH;
      out[at++] = 0x78; // x
      out[at++] = HEX_DIGITS[byte >> 4] ?? 0;
      out[at++] = HEX_DIGITS[byte & 15] ?? 0;
    }
  }
  out[at++] = QUOTE;
  return out.subarray(0, at);
}

function putLine(entry: KeyValue): Buffer {
  const lease = entry.lease ? `--lease=${entry.lease} ` : '';
  return Buffer.concat([Buffer.from(`put ${lease}`), goQuote(Buffer.from(entry.key)), Buffer.from(' '), goQuote(entry.value), Buffer.from('\n')]);
}

function batches(entries: readonly KeyValue[]): KeyValue[][] {
  const result: KeyValue[][] = [];
  let current: KeyValue[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.key.length + entry.value.length;
    if (current.length > 0 && (current.length === MAX_OPS_PER_TXN || bytes + size > MAX_BYTES_PER_TXN)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

async function runBatches(entries: readonly KeyValue[], commit: (batch: KeyValue[]) => Promise<void>): Promise<void> {
  const queue = batches(entries);
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) await commit(batch);
  };
  await Promise.all(Array.from({ length: PARALLEL_TXNS }, worker));
}

/** Writes every entry with `etcdctl txn` (no compares, all puts in the success branch). */
export function writeKeys(etcd: EtcdCluster, entries: readonly KeyValue[]): Promise<void> {
  return runBatches(entries, async (batch) => {
    // Empty compare section, the puts, an empty failure section.
    const input = Buffer.concat([Buffer.from('\n'), ...batch.map(putLine), Buffer.from('\n\n')]);
    const { stdout } = await etcd.etcdctl(['txn'], input);
    if (!stdout.toString('utf8').startsWith('SUCCESS')) throw new Error(`etcdctl txn did not succeed: ${stdout.toString('utf8').slice(0, 200)}`);
  });
}

function postJson(agent: Agent, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode === 200) resolve();
        else reject(new Error(`etcd gateway ${url.pathname} answered ${response.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes every entry in transactions sent to etcd's JSON gateway with the cluster's client certificate. */
export async function writeKeysOverGateway(etcd: EtcdCluster, entries: readonly KeyValue[]): Promise<void> {
  const { caPath, certPath, keyPath } = etcd.clientTls;
  const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL_TXNS, ca: readFileSync(caPath), cert: readFileSync(certPath), key: readFileSync(keyPath) });
  const url = new URL('/v3/kv/txn', etcd.endpoints()[0]);
  const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
  try {
    await runBatches(entries, (batch) =>
      postJson(agent, url, JSON.stringify({
        success: batch.map((entry) => ({
          requestPut: { key: base64(entry.key), value: base64(entry.value), ...(entry.lease ? { lease: BigInt(`0x${entry.lease}`).toString() } : {}) },
        })),
      })),
    );
  } finally {
    agent.destroy();
  }
}

/** Grants a lease with the TTL and returns its ID in hex, as etcdctl prints it. */
export async function grantLease(etcd: EtcdCluster, ttlSeconds: number): Promise<string> {
  const { stdout } = await etcd.etcdctl(['lease', 'grant', String(ttlSeconds)]);
  const match = /lease ([0-9a-f]+) granted/.exec(stdout.toString('utf8'));
  if (!match?.[1]) throw new Error(`unexpected etcdctl lease grant output: ${stdout.toString('utf8')}`);
  return match[1];
}
