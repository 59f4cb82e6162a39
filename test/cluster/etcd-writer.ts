/**
 * Writes many keys into the real etcd through the real etcdctl: `etcdctl txn` reads its operations from stdin,
 * each value Go-quoted so arbitrary bytes (protobuf) survive, up to the server's limits per transaction.
 */
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

const HEX = Array.from({ length: 256 }, (_, byte) => `\\x${byte.toString(16).padStart(2, '0')}`);

/** A Go double-quoted string literal of the bytes (what etcdctl's txn parser unquotes with %q). */
export function goQuote(bytes: Uint8Array): string {
  let quoted = '"';
  for (const byte of bytes) {
    quoted += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : HEX[byte];
  }
  return `${quoted}"`;
}

function putLine(entry: KeyValue): string {
  const lease = entry.lease ? `--lease=${entry.lease} ` : '';
  return `put ${lease}${goQuote(Buffer.from(entry.key))} ${goQuote(entry.value)}`;
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

/** Writes every entry (no compares, all puts in the success branch); resolves when all transactions committed. */
export async function writeKeys(etcd: EtcdCluster, entries: readonly KeyValue[]): Promise<void> {
  const queue = batches(entries);
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      // Empty compare section, the puts, an empty failure section.
      const input = `\n${batch.map(putLine).join('\n')}\n\n\n`;
      const { stdout } = await etcd.etcdctl(['txn'], input);
      if (!stdout.toString('utf8').startsWith('SUCCESS')) throw new Error(`etcdctl txn did not succeed: ${stdout.toString('utf8').slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_TXNS }, worker));
}

/** Grants a lease with the TTL and returns its ID in hex, as etcdctl prints it. */
export async function grantLease(etcd: EtcdCluster, ttlSeconds: number): Promise<string> {
  const { stdout } = await etcd.etcdctl(['lease', 'grant', String(ttlSeconds)]);
  const match = /lease ([0-9a-f]+) granted/.exec(stdout.toString('utf8'));
  if (!match?.[1]) throw new Error(`unexpected etcdctl lease grant output: ${stdout.toString('utf8')}`);
  return match[1];
}
