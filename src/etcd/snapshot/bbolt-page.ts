/**
 * One bbolt page (or the page embedded in an inline bucket's value). Header, little-endian: id u64, flags u16,
 * count u16, overflow u32 (further pages this one spans). Then `count` 16-byte elements:
 * branch {pos u32, ksize u32, child pgid u64}, leaf {flags u32, pos u32, ksize u32, vsize u32}, where pos counts
 * from the element's own start. Every offset read here is checked against the page's bytes.
 */
import { BoltFormatError, type FileLocation } from './errors.js';

export const PAGE_HEADER_SIZE = 16;
const ELEMENT_SIZE = 16;

export const PageFlag = { branch: 0x01, leaf: 0x02, meta: 0x04, freelist: 0x10 } as const;
/** Leaf element flag: the value is a nested bucket (16-byte header, then an inline page when its root is 0). */
export const BUCKET_LEAF_FLAG = 0x01;
export const BUCKET_HEADER_SIZE = 16;

function pageTypeName(flags: number): string {
  if (flags & PageFlag.branch) return 'branch';
  if (flags & PageFlag.leaf) return 'leaf';
  if (flags & PageFlag.meta) return 'meta';
  if (flags & PageFlag.freelist) return 'freelist';
  return `unknown (flags 0x${flags.toString(16).padStart(2, '0')})`;
}

/** Where a page came from, for error messages. */
export interface PageOrigin extends FileLocation {
  readonly path: string;
}

/** One leaf element. Its value is read lazily: a value spanning pages is loaded only when asked for whole. */
export class LeafEntry {
  constructor(
    /** The page the entry sits in. */
    readonly page: Page,
    readonly key: Buffer,
    readonly flags: number,
    private readonly valueStart: number,
    readonly valueSize: number,
  ) {}

  get value(): Buffer {
    return this.page.region(this.valueStart, this.valueSize);
  }

  /** At most `length` bytes from the value's start, without loading the rest of a page that spans several. */
  valuePrefix(length: number): Buffer {
    return this.page.region(this.valueStart, Math.min(length, this.valueSize));
  }

  /** Where the value lies in the file (undefined in an inline bucket's page), to read it again without the tree. */
  get valueFileOffset(): number | undefined {
    return this.page.fileOffset === undefined ? undefined : this.page.fileOffset + this.valueStart;
  }
}

/** A page as it lies in the file: bytes spanned (its overflow pages included), and how to read them. */
export interface FileSpan {
  readonly fileOffset: number;
  readonly bytes: number;
  /** `size` bytes from page offset `start`. */
  readAt(start: number, size: number): Buffer;
}

export class Page {
  readonly flags: number;
  readonly count: number;
  /** Bytes the page spans, its overflow pages included. */
  readonly spanBytes: number;
  /** Where the element headers are read from: the first page, or the whole span when they reach past it. */
  private readonly elements: Buffer;
  private whole: Buffer | undefined;

  /** The page's offset in the file; undefined for an inline bucket's page, which lies inside a value. */
  readonly fileOffset: number | undefined;
  private readonly readAt: ((start: number, size: number) => Buffer) | undefined;

  /**
   * `head` holds the page's first bytes (at least its header); `span` reads bytes of the span past it, so that a
   * key or value deep in a page spanning many is read alone. Without it the head is the whole page.
   */
  constructor(
    private readonly head: Buffer,
    readonly origin: PageOrigin,
    span?: FileSpan,
  ) {
    if (head.length < PAGE_HEADER_SIZE) this.fail(`${head.length} bytes cannot hold a page header`);
    this.spanBytes = span?.bytes ?? head.length;
    this.fileOffset = span?.fileOffset;
    this.readAt = span?.readAt;
    this.flags = head.readUInt16LE(8);
    this.count = head.readUInt16LE(10);
    const elementsEnd = PAGE_HEADER_SIZE + this.count * ELEMENT_SIZE;
    if ((this.isLeaf || this.isBranch) && elementsEnd > this.spanBytes) {
      this.fail(`${this.count} elements need ${elementsEnd} bytes, the page has ${this.spanBytes}`);
    }
    this.elements = elementsEnd <= head.length ? head : this.bytes;
  }

  /** Everything the page spans (read from the file on first use when it spans several pages). */
  get bytes(): Buffer {
    this.whole ??= this.readAt && this.spanBytes > this.head.length ? this.readAt(0, this.spanBytes) : this.head;
    return this.whole;
  }

  /** `size` bytes at page offset `start`, which the caller has checked lie within the span. */
  region(start: number, size: number): Buffer {
    const end = start + size;
    if (end <= this.head.length) return this.head.subarray(start, end);
    if (this.whole || !this.readAt) return this.bytes.subarray(start, end);
    return this.readAt(start, size);
  }

  get isLeaf(): boolean {
    return (this.flags & PageFlag.leaf) !== 0;
  }

  get isBranch(): boolean {
    return (this.flags & PageFlag.branch) !== 0;
  }

  get typeName(): string {
    return pageTypeName(this.flags);
  }

  fail(problem: string, detail?: string): never {
    const { path, ...location } = this.origin;
    throw new BoltFormatError(path, problem, detail ? { ...location, detail: location.detail ? `${location.detail}, ${detail}` : detail } : location);
  }

  leafKey(index: number): Buffer {
    const at = this.elementOffset(index);
    const start = at + this.elements.readUInt32LE(at + 4);
    return this.slice(start, this.elements.readUInt32LE(at + 8), index, 'key');
  }

  leafEntry(index: number): LeafEntry {
    const at = this.elementOffset(index);
    const keyStart = at + this.elements.readUInt32LE(at + 4);
    const keySize = this.elements.readUInt32LE(at + 8);
    const key = this.slice(keyStart, keySize, index, 'key');
    const valueSize = this.elements.readUInt32LE(at + 12);
    this.within(keyStart + keySize, valueSize, index, 'value');
    return new LeafEntry(this, key, this.elements.readUInt32LE(at), keyStart + keySize, valueSize);
  }

  branchKey(index: number): Buffer {
    const at = this.elementOffset(index);
    return this.slice(at + this.elements.readUInt32LE(at), this.elements.readUInt32LE(at + 4), index, 'key');
  }

  branchChild(index: number): number {
    const at = this.elementOffset(index);
    const child = this.elements.readBigUInt64LE(at + 8);
    if (child > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`child page id ${child} is not a page id`, `branch element ${index}`);
    return Number(child);
  }

  private elementOffset(index: number): number {
    if (index < 0 || index >= this.count) this.fail(`element ${index} asked of a page with ${this.count}`);
    return PAGE_HEADER_SIZE + index * ELEMENT_SIZE;
  }

  private within(start: number, size: number, index: number, what: string): void {
    if (start + size > this.spanBytes) {
      this.fail(`${what} of ${size} bytes at page byte ${start} runs past the page end (${this.spanBytes})`, `${this.typeName} element ${index}`);
    }
  }

  private slice(start: number, size: number, index: number, what: string): Buffer {
    this.within(start, size, index, what);
    return this.region(start, size);
  }
}
