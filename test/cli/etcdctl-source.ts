/**
 * A KeyValueSource over the test cluster's real etcd through the host's etcdctl (`get -w json --limit`, paged at the
 * first page's revision): lets the commands' paging and printing run in-process against real etcd. Keys must be
 * text (they travel as arguments).
 */
import type { EtcdCluster } from '../cluster/etcd.js';
import { parseRangeResponse, type KeyValue } from '../../src/etcd/etcdctl-json.js';
import type { KeyValueSource, RangePage, RangeRequest } from '../../src/etcd/key-value-source.js';

const DEFAULT_PAGE_SIZE = 500;

export interface CountingSource extends KeyValueSource {
  /** etcdctl get calls made so far. */
  readonly requests: number;
}

export function etcdctlSource(etcd: EtcdCluster): CountingSource {
  let requests = 0;
  async function get(start: string, request: RangeRequest, limit: number, revision: number | undefined) {
    requests++;
    const args = ['get', start, ...(request.rangeEnd ? [request.rangeEnd.toString('utf8')] : []), '-w', 'json', `--limit=${limit}`];
    if (revision !== undefined) args.push(`--rev=${revision}`);
    if (request.keysOnly) args.push('--keys-only');
    const { stdout } = await etcd.etcdctl(args);
    return parseRangeResponse(stdout.toString('utf8'));
  }
  return {
    description: `etcd at ${etcd.endpoints().join(',')}`,
    reads: 'cluster',
    get requests() {
      return requests;
    },
    async *range(request, options): AsyncIterable<RangePage> {
      const pageSize = options?.pageSize ?? DEFAULT_PAGE_SIZE;
      let revision = request.revision;
      let start = request.key.toString('utf8');
      let after: string | undefined;
      for (;;) {
        // The next page starts at the last key read (a NUL byte cannot travel as an argument), which is dropped.
        const response = await get(start, request, after === undefined ? pageSize : pageSize + 1, revision);
        revision ??= response.header.revision;
        const kvs: KeyValue[] = after === undefined ? response.kvs : response.kvs.filter((kv) => kv.key.toString('utf8') !== after);
        yield { revision, kvs };
        const last = response.kvs[response.kvs.length - 1];
        if (!response.more || request.rangeEnd === undefined || last === undefined) return;
        after = last.key.toString('utf8');
        start = after;
      }
    },
    close: async () => undefined,
  };
}
