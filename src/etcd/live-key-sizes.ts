/**
 * Keys and value sizes from a live etcd for `stats`: paged as the live KeyValueSource pages (`get --limit N` at the
 * revision of the first page, each page starting at the last key of the one before), but each page is read as it
 * streams in with RangeSizeStream, so neither the page nor its values are ever held: memory stays flat however
 * large the values.
 */
import type { EtcdConnection } from './connect.js';
import type { KeySize, KeySizeSource } from './key-sizes.js';
import { pageArguments } from './live-source.js';
import { RangeSizeStream } from './range-size-stream.js';

/** Keys asked for in the first page; later pages are sized by bytes. */
const FIRST_PAGE_KEYS = 5000;
/**
 * etcd output per page aimed at. Nothing here holds a page, so pages can be larger than the live source's (fewer
 * exec round trips); etcd and etcdctl still build each one whole, which is what bounds it.
 */
export const SIZE_PAGE_BYTES = 32 * 1024 * 1024;

/** The next page's limit: SIZE_PAGE_BYTES at the last page's bytes per key, at most ten times the last limit. */
export function sizePageLimit(lastLimit: number, lastBytes: number, lastCount: number): number {
  if (lastCount === 0) return lastLimit;
  return Math.max(1, Math.min(lastLimit * 10, Math.floor(SIZE_PAGE_BYTES / (lastBytes / lastCount))));
}

/** The page's `get` arguments, asking for the raw RangeResponse whatever output the live source reads. */
function protobufPage(args: string[]): string[] {
  const output = args.indexOf('-w');
  return output < 0 ? ['-w', 'protobuf', ...args] : args.map((arg, i) => (i === output + 1 ? 'protobuf' : arg));
}

export function liveKeySizes(connection: EtcdConnection): KeySizeSource {
  return {
    async *sizes(request, signal) {
      let revision = request.revision;
      let start = request.key;
      let previousLast: Buffer | undefined;
      let limit = FIRST_PAGE_KEYS;
      for (;;) {
        const stream = new RangeSizeStream();
        const keys: KeySize[] = [];
        let bytes = 0;
        const onStdout = (chunk: Buffer) => {
          bytes += chunk.length;
          keys.push(...stream.push(chunk));
        };
        await connection.etcdctl(protobufPage(pageArguments(start, request, previousLast ? limit + 1 : limit, revision, previousLast === undefined)), { onStdout, ...(signal ? { signal } : {}) });
        const page = stream.end();
        revision ??= page.revision;
        // Each page after the first starts at the key the one before ended with.
        const fresh = previousLast && keys[0]?.key.equals(previousLast) ? keys.slice(1) : keys;
        if (fresh.length > 0 || previousLast === undefined) yield { revision, keys: fresh };
        const last = keys[keys.length - 1];
        if (!page.more || last === undefined || request.rangeEnd === undefined) return;
        previousLast = last.key;
        start = last.key;
        limit = sizePageLimit(limit, bytes, keys.length);
      }
    },
  };
}
