/**
 * Keys with the size of their values, without the values: what `stats` adds up, page by page so nothing but the
 * page in hand is held. Any KeyValueSource gives them (live etcd, an offline snapshot); a source that can measure
 * values without reading them can implement KeySizeSource itself.
 */
import type { KeyValueSource, RangeRequest } from './key-value-source.js';

export interface KeySize {
  readonly key: Buffer;
  readonly valueBytes: number;
  /** Attached to a lease (events are; a lease ends them). */
  readonly leased: boolean;
}

export interface KeySizePage {
  /** The revision the whole listing is pinned to. */
  readonly revision: number;
  readonly keys: readonly KeySize[];
}

export interface KeySizeSource {
  /** Every key in the range with its value's size, page by page at one revision, in key order. */
  sizes(request: RangeRequest, signal?: AbortSignal): AsyncIterable<KeySizePage>;
}

export function keySizesOf(source: KeyValueSource): KeySizeSource {
  return {
    async *sizes(request, signal) {
      for await (const page of source.range(request, signal ? { signal } : {})) {
        yield {
          revision: page.revision,
          keys: page.kvs.map((kv) => ({ key: kv.key, valueBytes: kv.value.length, leased: kv.lease !== 0 && kv.lease !== 0n })),
        };
      }
    },
  };
}
