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

export function pageTypeName(flags: number): string {
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

export interface LeafEntry {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly flags: number;
  /** The page the entry sits in. */
  readonly page: Page;
}

export class Page {
  readonly flags: number;
  readonly count: number;

  /** `bytes` holds the header and everything the page spans (its overflow pages included). */
  constructor(
    readonly bytes: Buffer,
    readonly origin: PageOrigin,
  ) {
    if (bytes.length < PAGE_HEADER_SIZE) this.fail(`${bytes.length} bytes cannot hold a page header`);
    this.flags = bytes.readUInt16LE(8);
    this.count = bytes.readUInt16LE(10);
    const elementsEnd = PAGE_HEADER_SIZE + this.count * ELEMENT_SIZE;
    if ((this.isLeaf || this.isBranch) && elementsEnd > bytes.length) {
      this.fail(`${this.count} elements need ${elementsEnd} bytes, the page has ${bytes.length}`);
    }
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
    const start = at + this.bytes.readUInt32LE(at + 4);
    return this.slice(start, this.bytes.readUInt32LE(at + 8), index, 'key');
  }

  leafEntry(index: number): LeafEntry {
    const at = this.elementOffset(index);
    const keyStart = at + this.bytes.readUInt32LE(at + 4);
    const keySize = this.bytes.readUInt32LE(at + 8);
    const key = this.slice(keyStart, keySize, index, 'key');
    const value = this.slice(keyStart + keySize, this.bytes.readUInt32LE(at + 12), index, 'value');
    return { key, value, flags: this.bytes.readUInt32LE(at), page: this };
  }

  branchKey(index: number): Buffer {
    const at = this.elementOffset(index);
    return this.slice(at + this.bytes.readUInt32LE(at), this.bytes.readUInt32LE(at + 4), index, 'key');
  }

  branchChild(index: number): number {
    const at = this.elementOffset(index);
    const child = this.bytes.readBigUInt64LE(at + 8);
    if (child > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`child page id ${child} is not a page id`, `branch element ${index}`);
    return Number(child);
  }

  private elementOffset(index: number): number {
    if (index < 0 || index >= this.count) this.fail(`element ${index} asked of a page with ${this.count}`);
    return PAGE_HEADER_SIZE + index * ELEMENT_SIZE;
  }

  private slice(start: number, size: number, index: number, what: string): Buffer {
    const end = start + size;
    if (end > this.bytes.length) {
      this.fail(`${what} of ${size} bytes at page byte ${start} runs past the page end (${this.bytes.length})`, `${this.typeName} element ${index}`);
    }
    return this.bytes.subarray(start, end);
  }
}
