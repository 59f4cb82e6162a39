/**
 * A read-only view of a bbolt database file (etcd's `member/snap/db`, or a file `etcdctl snapshot save` wrote, whose
 * 32-byte sha256 trailer bbolt ignores). Opening reads the two meta pages and keeps the newest valid one; every
 * page read afterwards is checked against it (below the high-water mark, inside the file, carrying its own id).
 * Reading a live member's file works (no lock is taken), but sees the state of the last commit before opening only as
 * long as the writer has not reused its pages: see changedSinceOpen().
 */
import { Bucket } from './bbolt-bucket.js';
import { chooseMeta, META_PAGE_BYTES, parseMetaPage, type BoltMeta, type MetaProblem } from './bbolt-meta.js';
import { Page, PAGE_HEADER_SIZE, PageFlag } from './bbolt-page.js';
import { BoltFormatError } from './errors.js';
import { FileBlocks, type BlockCacheOptions, type ReadStats } from './file-blocks.js';

export interface OpenOptions extends BlockCacheOptions {
  /** Largest page (with its overflow) read in one piece; a damaged overflow count cannot demand more memory. */
  readonly maxPageBytes?: number;
}

const DEFAULT_MAX_PAGE_BYTES = 256 * 1024 * 1024;

/** Page sizes to look for meta page 1 at when meta page 0 is unreadable (bbolt uses the OS page size). */
const CANDIDATE_PAGE_SIZES = [4096, 8192, 16384, 32768, 65536, 2048, 1024, 512];

function readMetaAt(file: FileBlocks, pageId: number, offset: number): BoltMeta | MetaProblem {
  if (offset + META_PAGE_BYTES > file.size) return `the file ends at byte ${file.size}, before the meta page at offset ${offset}`;
  return parseMetaPage(file.read(offset, META_PAGE_BYTES), pageId);
}

function findMetas(file: FileBlocks): { meta: BoltMeta; problems: string[] } {
  const meta0 = readMetaAt(file, 0, 0);
  const sizes = typeof meta0 === 'string' ? CANDIDATE_PAGE_SIZES : [meta0.pageSize];
  for (const pageSize of sizes) {
    let meta1 = readMetaAt(file, 1, pageSize);
    if (typeof meta1 !== 'string' && meta1.pageSize !== pageSize) meta1 = `it sits at offset ${pageSize} but gives page size ${meta1.pageSize}`;
    const meta = chooseMeta(meta0, meta1);
    if (!meta) continue;
    const problems = [meta0, meta1].flatMap((m, id) => (typeof m === 'string' ? [`meta page ${id}: ${m}`] : []));
    return { meta, problems };
  }
  const detail = typeof meta0 === 'string' ? meta0 : 'meta page 0 is valid but meta page 1 is not';
  throw new BoltFormatError(file.path, `not a bbolt database: ${detail}`, { pageId: 0, offset: 0 });
}

export class BoltDb {
  /** Why the other meta page (or both, when page 0 was unreadable) was not used. Empty for a healthy file. */
  readonly metaProblems: readonly string[];
  readonly meta: BoltMeta;
  private readonly maxPageBytes: number;

  private constructor(
    private readonly file: FileBlocks,
    options: OpenOptions,
  ) {
    this.maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
    const { meta, problems } = findMetas(file);
    this.meta = meta;
    this.metaProblems = problems;
    file.fitBlocksTo(meta.pageSize);
    const needed = meta.highWaterMark * meta.pageSize;
    if (needed > file.size) {
      throw new BoltFormatError(
        file.path,
        `the file is truncated: its ${meta.highWaterMark} pages of ${meta.pageSize} bytes need ${needed} bytes, the file has ${file.size}`,
        { pageId: meta.pageId, offset: meta.pageId * meta.pageSize, detail: 'meta page' },
      );
    }
  }

  /** Opens `path` read-only, without a lock. Throws BoltFormatError when it is not a readable bbolt file. */
  static open(path: string, options: OpenOptions = {}): BoltDb {
    const file = FileBlocks.open(path, options);
    try {
      return new BoltDb(file, options);
    } catch (error) {
      file.close();
      throw error;
    }
  }

  get path(): string {
    return this.file.path;
  }

  get pageSize(): number {
    return this.meta.pageSize;
  }

  /** Bytes of the file on disk (snapshot files carry 32 more than the database: the sha256 trailer). */
  get fileSize(): number {
    return this.file.size;
  }

  /** The database's size as bbolt reports it (tx.Size()): pages in use times the page size. */
  get size(): number {
    return this.meta.highWaterMark * this.meta.pageSize;
  }

  get readStats(): Readonly<ReadStats> {
    return this.file.stats;
  }

  /** The root bucket: its keys are the names of the top-level buckets. */
  root(): Bucket {
    return new Bucket(this, this.meta.rootPageId, undefined, this.meta.rootSequence, [], new Set([this.meta.rootPageId]));
  }

  /** The bucket at `names` (top-level name first), or undefined when one of them is missing. */
  bucket(...names: (string | Uint8Array)[]): Bucket | undefined {
    let bucket: Bucket | undefined = this.root();
    for (const name of names) bucket = bucket?.bucket(name);
    return bucket;
  }

  /**
   * Page `id` with everything it spans. `context` says why it is read (`child 3 of branch page 7, bucket "key"`)
   * and appears in errors.
   */
  page(id: number, context?: string): Page {
    const { highWaterMark, pageSize } = this.meta;
    const offset = id * pageSize;
    const fail = (problem: string): never => {
      throw new BoltFormatError(this.path, problem, { pageId: id, offset, ...(context ? { detail: context } : {}) });
    };
    if (id < 2) fail(`page ${id} is a meta page, not data`);
    if (id >= highWaterMark) fail(`page ${id} lies beyond the last page in use (${highWaterMark - 1})`);
    const head = this.file.read(offset, Math.min(pageSize, this.file.size - offset));
    if (head.length < PAGE_HEADER_SIZE) fail('the file ends inside the page header');
    const storedId = head.readBigUInt64LE(0);
    if (storedId !== BigInt(id)) fail(`the page header carries id ${storedId}: the tree points at a page that is not what it expects`);
    const overflow = head.readUInt32LE(12);
    const span = (overflow + 1) * pageSize;
    if (id + overflow >= highWaterMark) fail(`the page spans ${overflow + 1} pages, past the last page in use (${highWaterMark - 1})`);
    if (span > this.maxPageBytes) fail(`the page spans ${span} bytes, more than the ${this.maxPageBytes} allowed`);
    if (offset + span > this.file.size) fail(`the file ends at byte ${this.file.size}, inside the page's ${span} bytes`);
    return new Page(head, { path: this.path, pageId: id, offset, ...(context ? { detail: context } : {}) }, {
      fileOffset: offset,
      bytes: span,
      readAt: (start, size) => this.file.read(offset + start, size),
    });
  }

  /**
   * `size` bytes at file offset `offset`, read without the cache (for values read a second time, at offsets a page
   * gave): a fresh buffer. The range must lie within the pages in use.
   */
  readAt(offset: number, size: number): Buffer {
    if (offset < 2 * this.meta.pageSize || offset + size > this.size) {
      throw new BoltFormatError(this.path, `bytes ${offset}..${offset + size} lie outside the pages in use`, { offset });
    }
    return this.file.readDirect(offset, size);
  }

  /** The page ids the freelist page lists as free (none when bbolt did not persist a freelist). */
  freePageIds(): number[] {
    const id = this.meta.freelistPageId;
    if (id === undefined) return [];
    const page = this.page(id, 'freelist');
    if ((page.flags & PageFlag.freelist) === 0) page.fail(`a ${page.typeName} page where the freelist belongs`);
    let count = page.count;
    let at = PAGE_HEADER_SIZE;
    // A count of 0xFFFF means the real count did not fit: it is the first u64 after the header.
    if (count === 0xffff) {
      count = Number(page.bytes.readBigUInt64LE(at));
      at += 8;
    }
    if (at + count * 8 > page.bytes.length) page.fail(`${count} free page ids do not fit in the freelist page`);
    const ids: number[] = [];
    for (let i = 0; i < count; i++, at += 8) ids.push(Number(page.bytes.readBigUInt64LE(at)));
    return ids;
  }

  /**
   * Whether a writer has committed since this view was opened (the newest meta page changed). A live member's file
   * read across a commit may mix states; callers reading a running etcd can check this at the end.
   */
  changedSinceOpen(): boolean {
    const fresh = FileBlocks.open(this.path, { cacheBytes: 0 });
    try {
      const current = findMetas(fresh).meta;
      return current.txid !== this.meta.txid || current.rootPageId !== this.meta.rootPageId;
    } catch {
      return true;
    } finally {
      fresh.close();
    }
  }

  close(): void {
    this.file.close();
  }
}
