/**
 * A bbolt bucket: a B+tree of keys to values or to nested buckets. A nested bucket's value is a 16-byte header
 * {root pgid u64, sequence u64}; when the root is 0 the bucket is inline and its single leaf page follows the header
 * inside the value. Each bucket knows the root pages of the buckets it sits in, so a damaged file whose bucket
 * points back at an enclosing one raises an error instead of nesting forever.
 */
import { Cursor } from './bbolt-cursor.js';
import type { BoltDb } from './bbolt-db.js';
import { BUCKET_HEADER_SIZE, BUCKET_LEAF_FLAG, Page, type LeafEntry } from './bbolt-page.js';

export function isBucketEntry(entry: LeafEntry): boolean {
  return (entry.flags & BUCKET_LEAF_FLAG) !== 0;
}

function printable(name: Uint8Array): string {
  return JSON.stringify(Buffer.from(name).toString('latin1'));
}

export class Bucket {
  /** e.g. `bucket "key"`, `bucket "a"/"b"`, `the root bucket`. */
  readonly description: string;

  constructor(
    readonly db: BoltDb,
    /** Root page id; 0 for an inline bucket. */
    readonly rootPageId: number,
    private readonly inlinePage: Page | undefined,
    readonly sequence: bigint,
    /** Names from the top level down; empty for the root bucket. */
    readonly names: readonly Buffer[],
    private readonly enclosingRoots: ReadonlySet<number>,
  ) {
    this.description = names.length === 0 ? 'the root bucket' : `bucket ${names.map(printable).join('/')}`;
  }

  /** The bucket's root page (its inline page for an inline bucket). */
  rootPage(): Page {
    if (this.inlinePage) return this.inlinePage;
    const page = this.db.page(this.rootPageId, `root of ${this.description}`);
    if (!page.isBranch && !page.isLeaf) page.fail(`a ${page.typeName} page where a branch or leaf page belongs`, `root of ${this.description}`);
    return page;
  }

  cursor(): Cursor {
    return new Cursor(this);
  }

  /** Every entry in key order: values, and nested buckets (see isBucketEntry). */
  *entries(): Generator<LeafEntry> {
    const cursor = this.cursor();
    for (let entry = cursor.first(); entry; entry = cursor.next()) yield entry;
  }

  /** The value stored under `key`; undefined when absent or when the key names a nested bucket. */
  get(key: Uint8Array): Buffer | undefined {
    const entry = this.cursor().seek(key);
    if (!entry || !entry.key.equals(key) || isBucketEntry(entry)) return undefined;
    return entry.value;
  }

  /** The nested bucket called `name`, or undefined. */
  bucket(name: Uint8Array | string): Bucket | undefined {
    const key = typeof name === 'string' ? Buffer.from(name) : name;
    const entry = this.cursor().seek(key);
    if (!entry || !entry.key.equals(key) || !isBucketEntry(entry)) return undefined;
    return this.openNested(entry);
  }

  /** The bucket a bucket entry of this bucket (see isBucketEntry) stands for. */
  openNested(entry: LeafEntry): Bucket {
    const names = [...this.names, Buffer.from(entry.key)];
    const where = `bucket ${names.map(printable).join('/')}`;
    const fail = (problem: string): never => entry.page.fail(problem, where);
    if (entry.value.length < BUCKET_HEADER_SIZE) fail(`a bucket value of ${entry.value.length} bytes, shorter than the ${BUCKET_HEADER_SIZE}-byte bucket header`);
    const root = entry.value.readBigUInt64LE(0);
    const sequence = entry.value.readBigUInt64LE(8);
    if (root === 0n) {
      const { origin } = entry.page;
      const detail = origin.detail ? `${origin.detail}, inline ${where}` : `inline ${where}`;
      const page = new Page(entry.value.subarray(BUCKET_HEADER_SIZE), { ...origin, detail });
      if (!page.isLeaf) page.fail(`an inline bucket page of type ${page.typeName}, not leaf`);
      return new Bucket(this.db, 0, page, sequence, names, this.enclosingRoots);
    }
    if (root > BigInt(Number.MAX_SAFE_INTEGER)) fail(`bucket root page ${root} is not a page id`);
    const rootId = Number(root);
    if (this.enclosingRoots.has(rootId)) fail(`the bucket's root page ${rootId} is the root of a bucket it sits in: the buckets form a cycle`);
    return new Bucket(this.db, rootId, undefined, sequence, names, new Set([...this.enclosingRoots, rootId]));
  }
}
