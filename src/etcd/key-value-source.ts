/**
 * Where keys and values come from: a live cluster (etcdctl in the etcd pod, paged) or an offline snapshot file.
 * Commands such as get, ls, history and stats are written against this, so they work on both.
 */
import type { KeyValue } from './etcdctl-json.js';

export interface RangeRequest {
  /** First key, inclusive. */
  readonly key: Buffer;
  /** End of the range, exclusive; undefined for the single key; `prefixEnd(key)` for a prefix. */
  readonly rangeEnd?: Buffer;
  /** Read at this revision; undefined for the latest. */
  readonly revision?: number;
  readonly keysOnly?: boolean;
}

export interface RangePage {
  /** The revision the whole listing is pinned to. */
  readonly revision: number;
  readonly kvs: readonly KeyValue[];
}

export interface RangeOptions {
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
  /**
   * The caller keeps nothing of a page (no key, value or KeyValue) once it asks for the next: a page's memory may
   * then hold a later page. Keys and values are views of the page they came in, so a caller that keeps any (to
   * delete them, to compare them later) must not say this.
   */
  readonly pagesLetGo?: boolean;
}

export interface KeyValueSource {
  /** What a person should read in -v output and errors: "etcd pod kube-system/etcd-node1" or "snapshot backup.db". */
  readonly description: string;
  /**
   * Where the reading happens: `file` when this process reads a file itself (all the work is its own, and more
   * threads shorten it), `cluster` when etcd serves the keys (the pace is etcd's and the exec stream's).
   */
  readonly reads: 'file' | 'cluster';
  /**
   * Every key in the range, in key order, as pages of bounded size, all at one revision (the first page pins it),
   * so memory stays flat however big the keyspace is.
   */
  range(request: RangeRequest, options?: RangeOptions): AsyncIterable<RangePage>;
  close(): Promise<void>;
}

/** One key's KeyValue, at `revision` (the latest by default); undefined when the key is not there then. */
export async function readKey(source: KeyValueSource, key: Buffer, options: { readonly revision?: number; readonly signal?: AbortSignal } = {}): Promise<KeyValue | undefined> {
  const { revision, signal } = options;
  for await (const page of source.range({ key, ...(revision !== undefined ? { revision } : {}) }, { pageSize: 1, ...(signal ? { signal } : {}) })) {
    if (page.kvs[0] !== undefined) return page.kvs[0];
  }
  return undefined;
}

/** The end of the prefix range: the prefix with its last byte incremented (etcd's `--prefix`). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if ((end[i] as number) < 0xff) {
      end[i] = (end[i] as number) + 1;
      return end.subarray(0, i + 1);
    }
  }
  // All 0xff (or empty): to the end of the keyspace, which etcd spells as a single zero byte.
  return Buffer.from([0]);
}
