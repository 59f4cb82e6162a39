/**
 * A KeyValueSource over a snapshot file or a member's `member/snap/db`, read with the project's own bbolt reader:
 * no etcd, no cluster, no lock. A range is one walk of the file's revisions (the file has no index by key), after
 * which its values are read key by key as the pages are consumed, so memory follows the number of keys in the range,
 * not the size of their values (beyond the file itself when it is small enough to be held whole: READ_OPTIONS).
 */
import { totalmem } from 'node:os';
import { ExitCode, UserError } from '../cli/exit-codes.js';
import type { KeyValue } from './etcdctl-json.js';
import type { KeyValueSource, RangePage } from './key-value-source.js';
import { storedKeyOf } from './snapshot/mvcc-key-value.js';
import { MvccStore } from './snapshot/mvcc-store.js';

export const SNAPSHOT_PAGE_SIZE = 5000;
/**
 * A snapshot of up to 256 MiB (an eighth of the memory, on a small machine) is read whole: a listing then takes each
 * value where it lies, and worker threads read them there too. A larger file goes through the cache, which serves
 * the walk over the file, mostly forward, and the descents from the root: blocks of 64 KiB make few reads of it
 * (values fetched later are read directly, at the offsets the walk noted). Memory stays bounded either way.
 */
const READ_OPTIONS = { blockBytes: 64 * 1024, wholeFileBytes: Math.min(256 * 1024 * 1024, Math.floor(totalmem() / 8)) };

const DEFAULT_PREFIX = '/registry';
const OPENSHIFT_PREFIX = '/kubernetes.io';

export interface SnapshotSource extends KeyValueSource {
  /** `/registry`, or `/kubernetes.io` for an OpenShift snapshot. */
  keyPrefix(): string;
}

function openStore(path: string): MvccStore {
  try {
    return MvccStore.open(path, READ_OPTIONS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UserError(`cannot read the snapshot ${path}: ${why}`, ExitCode.error);
  }
}

function* pages(store: MvccStore, request: Parameters<KeyValueSource['range']>[0], pageSize: number, signal?: AbortSignal): Generator<RangePage> {
  const found = store.rangeLazily(request);
  const revision = request.revision ?? found.revision;
  let page: KeyValue[] = [];
  let yielded = false;
  for (const kv of found.kvs) {
    page.push(kv);
    if (page.length < pageSize) continue;
    signal?.throwIfAborted();
    yield { revision, kvs: page };
    yielded = true;
    page = [];
  }
  // The last page, or the only one even when empty: it carries the revision.
  if (page.length > 0 || !yielded) yield { revision, kvs: page };
}

/**
 * The prefix of the first key the file's history holds under either prefix: Kubernetes writes its own objects from
 * the start, so this looks at the first revisions only, not at the whole file.
 */
function prefixInUse(store: MvccStore): string {
  const cursor = store.db.bucket('key')?.cursor();
  for (let entry = cursor?.first(); entry; entry = cursor?.next()) {
    const key = storedKeyOf(entry.value).toString('latin1');
    if (key.startsWith(`${DEFAULT_PREFIX}/`)) return DEFAULT_PREFIX;
    if (key.startsWith(`${OPENSHIFT_PREFIX}/`)) return OPENSHIFT_PREFIX;
  }
  return DEFAULT_PREFIX;
}

export function openSnapshotSource(path: string): SnapshotSource {
  const store = openStore(path);
  let keyPrefix: string | undefined;
  return {
    description: `snapshot ${path}`,
    reads: 'file',
    keyPrefix() {
      keyPrefix ??= prefixInUse(store);
      return keyPrefix;
    },
    range(request, options = {}) {
      const generator = pages(store, request, options.pageSize ?? SNAPSHOT_PAGE_SIZE, options.signal);
      return {
        async *[Symbol.asyncIterator]() {
          for (const page of generator) {
            yield page;
            // Lets Ctrl-C and output back-pressure in between pages of a file read synchronously.
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        },
      };
    },
    close: async () => store.close(),
  };
}
