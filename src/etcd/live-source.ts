/**
 * A KeyValueSource over a live etcd: `etcdctl get -w protobuf --limit N` page after page, all at the revision the
 * first page reported. A page cannot start just after the last key (that would be the key plus a zero byte, and
 * argv cannot carry zero bytes), so it starts at the last key and drops it. Pages are sized by bytes as well as by
 * count (from the size of the page before), so big values do not make big pages.
 */
import { ExitCode, UserError } from '../cli/exit-codes.js';
import { EtcdctlError } from '../kube/errors.js';
import { SpareStdout } from '../kube/stdout-bytes.js';
import type { EtcdConnection } from './connect.js';
import type { RangeResponse } from './etcdctl-json.js';
import { prefixEnd, type KeyValueSource, type RangeOptions, type RangePage, type RangeRequest } from './key-value-source.js';
import { parseRangeResponseProtobuf } from './range-response-pb.js';

/** Keys per page at most (pages are sized by bytes first). */
export const DEFAULT_PAGE_SIZE = 50_000;
/**
 * Output per page aimed at: large enough that exec round trips stay few (each starts etcdctl in the pod and connects
 * it to etcd), small enough to hold a few times over (the page being printed, the next one arriving).
 */
export const PAGE_BYTES = 12 * 1024 * 1024;

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
  const flags = ['-w', 'protobuf', `--limit=${limit}`];
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

/** The first page is small: it answers quickly, and its size tells how many keys make a page of PAGE_BYTES. */
export const FIRST_PAGE_SIZE = 200;
/** A page asks for at most this many times the keys of the one before, in case sizes vary along the keyspace. */
const GROWTH = 10;

/** The next page's limit: near PAGE_BYTES of output at the last page's bytes per key, within pageSize and GROWTH. */
export function nextLimit(pageSize: number, lastLimit: number, lastOutputBytes: number, lastCount: number): number {
  const byBytes = lastCount === 0 ? pageSize : Math.floor(PAGE_BYTES / (lastOutputBytes / lastCount));
  return Math.max(1, Math.min(pageSize, lastLimit * GROWTH, byBytes));
}

const COMPACTED = /required revision has been compacted/;

interface FetchedPage {
  readonly response: RangeResponse;
  /** etcdctl's output, which the response's keys and values are views of. */
  readonly stdout: Buffer;
  readonly limit: number;
}

interface PageFetch {
  readonly limit: number;
  readonly expectedBytes: number;
  readonly spare: SpareStdout | undefined;
}

function fetchPage(connection: EtcdConnection, args: string[], fetch: PageFetch, revision: number | undefined, signal: AbortSignal): Promise<FetchedPage> {
  const { limit, expectedBytes, spare } = fetch;
  return connection.etcdctl(args, { signal, expectedStdoutBytes: expectedBytes, ...(spare ? { spareStdout: spare } : {}) }).then(
    ({ stdout }) => ({ response: parseRangeResponseProtobuf(stdout), stdout, limit }),
    (error: unknown) => {
      if (error instanceof EtcdctlError && COMPACTED.test(error.stderr)) {
        throw new UserError(
          `revision ${revision ?? ''} has been compacted: etcd no longer keeps it`,
          ExitCode.error,
          'the API server compacts history every 5 minutes by default; read a newer revision',
        );
      }
      throw error;
    },
  );
}

/**
 * Pages the caller has not taken yet, arrived or on their way: the next page is asked for as soon as the one before
 * it is in, so etcd and the exec stream keep working while the caller handles a page, until this many wait.
 */
export const PAGES_AHEAD = 2;

/** A page asked for, and the key it starts at when that is the last key of the page before (dropped from it). */
interface PageOnItsWay {
  readonly page: Promise<FetchedPage>;
  readonly after: Buffer | undefined;
}

/**
 * Pages in key order, fetched up to PAGES_AHEAD ahead of the caller; at most that many and the caller's are held.
 * Leaving early cancels the pages on their way. When the caller lets pages go, a page is gathered into the memory of
 * one it let go of.
 */
async function* pages(connection: EtcdConnection, request: RangeRequest, options: RangeOptions): AsyncGenerator<RangePage> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const cancel = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  let revision = request.revision;
  const ahead: PageOnItsWay[] = [];
  const spares: SpareStdout[] = [];
  /** The newest page, arrived, whose follower waits for the caller to take a page. */
  let waiting: FetchedPage | undefined;

  const ask = (start: Buffer, fetch: PageFetch, first: boolean): void => {
    const args = pageArguments(start, request, first ? fetch.limit : fetch.limit + 1, revision, first);
    const page = fetchPage(connection, args, fetch, revision, signal).then((fetched) => {
      revision ??= fetched.response.header.revision;
      follow(fetched);
      return fetched;
    });
    // Its failure is reported when the caller gets to it, not as an unhandled rejection meanwhile.
    page.catch(() => undefined);
    // A copy of the key: a view would hold the page before until this one is done.
    ahead.push({ page, after: first ? undefined : Buffer.from(start) });
  };

  /** Asks for the page after `page`, if there is one, once fewer than PAGES_AHEAD wait. */
  const follow = (page: FetchedPage): void => {
    const { kvs, more } = page.response;
    const last = kvs[kvs.length - 1];
    if (!more || last === undefined || request.rangeEnd === undefined || signal.aborted) return;
    if (ahead.length >= PAGES_AHEAD) {
      waiting = page;
      return;
    }
    const following = nextLimit(pageSize, page.limit, page.stdout.length, kvs.length);
    const expectedBytes = ((following + 1) * page.stdout.length) / kvs.length;
    ask(last.key, { limit: following, expectedBytes: expectedBytes * 1.1, spare: spares.shift() }, false);
  };

  ask(request.key, { limit: request.rangeEnd === undefined ? 1 : Math.min(pageSize, FIRST_PAGE_SIZE), expectedBytes: 0, spare: undefined }, true);
  try {
    for (let first = true; ahead.length > 0; first = false) {
      const { page, after } = ahead.shift() as PageOnItsWay;
      if (waiting !== undefined) {
        const arrived = waiting;
        waiting = undefined;
        follow(arrived);
      }
      const { response, stdout } = await page;
      const kvs = after !== undefined && response.kvs[0]?.key.equals(after) ? response.kvs.slice(1) : response.kvs;
      // The first page is yielded even when empty: it carries the revision.
      if (kvs.length > 0 || first) yield { revision: revision ?? response.header.revision, kvs };
      if (options.pagesLetGo === true) spares.push(new SpareStdout(stdout));
    }
  } finally {
    cancel.abort();
  }
}

export function liveKeyValueSource(connection: EtcdConnection): KeyValueSource {
  return {
    get description() {
      return connection.description;
    },
    reads: 'cluster',
    range(request, options = {}) {
      return pages(connection, request, options);
    },
    close: () => connection.close(),
  };
}
