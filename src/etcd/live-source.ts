/**
 * A KeyValueSource over a live etcd: `etcdctl get -w json --limit N` page after page, all at the revision the first
 * page reported. A page cannot start just after the last key (that would be the key plus a zero byte, and argv
 * cannot carry zero bytes), so it starts at the last key and drops it. Pages are sized by bytes as well as by count
 * (from the size of the page before), so big values do not make big pages.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { EtcdctlError } from '../kube/errors.js';
import type { EtcdConnection } from './connect.js';
import { parseRangeResponse, type KeyValue } from './etcdctl-json.js';
import { prefixEnd, type KeyValueSource, type RangePage, type RangeRequest } from './key-value-source.js';

export const DEFAULT_PAGE_SIZE = 5000;
/** etcdctl's JSON output per page aimed at: large enough that exec round trips stay few, small enough to hold. */
export const PAGE_BYTES = 8 * 1024 * 1024;

/** A key as an etcdctl argument; argv is text without zero bytes, which Kubernetes keys always are. */
export function keyArgument(key: Buffer, what: string): string {
  const text = key.toString('utf8');
  if (text.includes('\0') || !Buffer.from(text, 'utf8').equals(key)) {
    throw new UserError(`the ${what} ${JSON.stringify(text)} is not text etcdctl can take as an argument (zero bytes or invalid UTF-8)`, ExitCode.usage);
  }
  return text;
}

/** The `get` arguments for one page: the range, the revision, the limit; positional arguments after `--`. */
export function pageArguments(start: Buffer, request: RangeRequest, limit: number, revision: number | undefined, firstPage: boolean): string[] {
  const flags = ['-w', 'json', `--limit=${limit}`];
  if (revision !== undefined) flags.push(`--rev=${revision}`);
  if (request.keysOnly) flags.push('--keys-only');
  const key = keyArgument(start, 'key');
  const end = request.rangeEnd;
  if (end === undefined) return ['get', ...flags, '--', key];
  if (end.length === 1 && end[0] === 0) return ['get', ...flags, '--from-key', '--', key];
  // The first page of a prefix says so: it also covers the empty prefix, which as a range would need an empty key.
  if (firstPage && end.equals(prefixEnd(request.key))) return ['get', ...flags, '--prefix', '--', key];
  return ['get', ...flags, '--', key, keyArgument(end, 'range end')];
}

/** The next page's limit: the count asked for, reduced so the page's output stays near PAGE_BYTES. */
export function nextLimit(pageSize: number, lastOutputBytes: number, lastCount: number): number {
  if (lastCount === 0) return pageSize;
  const perKey = lastOutputBytes / lastCount;
  return Math.max(1, Math.min(pageSize, Math.floor(PAGE_BYTES / perKey)));
}

const COMPACTED = /required revision has been compacted/;

async function getPage(connection: EtcdConnection, args: string[], revision: number | undefined, signal: AbortSignal | undefined) {
  try {
    const { stdout } = await connection.etcdctl(args, signal ? { signal } : {});
    return { response: parseRangeResponse(stdout.toString('utf8')), bytes: stdout.length };
  } catch (error) {
    if (error instanceof EtcdctlError && COMPACTED.test(error.stderr)) {
      throw new UserError(
        `revision ${revision ?? ''} has been compacted: etcd no longer keeps it`,
        ExitCode.error,
        'the API server compacts history every 5 minutes by default; read a newer revision',
      );
    }
    throw error;
  }
}

async function* pages(connection: EtcdConnection, request: RangeRequest, pageSize: number, signal?: AbortSignal): AsyncGenerator<RangePage> {
  let revision = request.revision;
  let start = request.key;
  /** The key the previous page ended with: this page starts at it and drops it. */
  let previousLast: Buffer | undefined;
  let limit = pageSize;
  for (;;) {
    const asked = previousLast ? limit + 1 : limit;
    const args = pageArguments(start, request, asked, revision, previousLast === undefined);
    const { response, bytes } = await getPage(connection, args, revision, signal);
    revision ??= response.header.revision;
    let kvs: readonly KeyValue[] = response.kvs;
    if (previousLast && kvs[0]?.key.equals(previousLast)) kvs = kvs.slice(1);
    // The first page is yielded even when empty: it carries the revision.
    if (kvs.length > 0 || previousLast === undefined) yield { revision, kvs };
    const last = response.kvs[response.kvs.length - 1];
    if (!response.more || !last || request.rangeEnd === undefined) return;
    previousLast = last.key;
    start = last.key;
    limit = nextLimit(pageSize, bytes, response.kvs.length);
  }
}

export function liveKeyValueSource(connection: EtcdConnection): KeyValueSource {
  return {
    get description() {
      return connection.description;
    },
    range(request, options = {}) {
      return pages(connection, request, options.pageSize ?? DEFAULT_PAGE_SIZE, options.signal);
    },
    close: () => connection.close(),
  };
}
