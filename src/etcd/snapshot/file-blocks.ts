/**
 * Positional reads of a file through a small cache of fixed-size blocks (second-chance eviction), so that a database of
 * any size is read in bounded memory. The file is opened read-only and never locked: bbolt's own readers take a
 * shared flock, which waits for as long as a running etcd holds its exclusive one.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface BlockCacheOptions {
  /** Bytes per cached block; a multiple of the database page size keeps pages inside one block. */
  readonly blockBytes?: number;
  /** Upper bound of the bytes the cache holds. */
  readonly cacheBytes?: number;
  /**
   * A file up to this size is read whole when opened, into shared memory (worker threads can read it too): a
   * listing then reads values where they lie instead of one read(2) each. Larger files go through the cache.
   */
  readonly wholeFileBytes?: number;
}

const DEFAULT_BLOCK_BYTES = 32 * 1024;
const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

export interface ReadStats {
  /** read(2) calls made. */
  preads: number;
  bytesRead: number;
  cacheHits: number;
}

export class FileBlocks {
  readonly stats: ReadStats = { preads: 0, bytesRead: 0, cacheHits: 0 };
  /** Cached blocks, oldest first, each with a second-chance bit set when it is read again. */
  private readonly blocks = new Map<number, { bytes: Buffer; used: boolean }>();
  private cachedBytes = 0;
  private closed = false;
  /** The whole file, when it was read whole. */
  private whole: Buffer | undefined;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    /** The file's size when it was opened; reads stay below it. */
    readonly size: number,
    private blockBytes: number,
    private readonly cacheBytes: number,
  ) {}

  static open(path: string, options: BlockCacheOptions = {}): FileBlocks {
    const fd = openSync(path, 'r');
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
      const blocks = new FileBlocks(path, fd, stat.size, options.blockBytes ?? DEFAULT_BLOCK_BYTES, options.cacheBytes ?? DEFAULT_CACHE_BYTES);
      if (stat.size <= (options.wholeFileBytes ?? 0)) blocks.whole = blocks.readInto(Buffer.from(new SharedArrayBuffer(stat.size)), 0);
      return blocks;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * The bytes at [offset, offset + length), which the caller has checked lie inside the file. A view into a cached
   * block when the range sits in one block, a fresh buffer otherwise. Views stay valid after eviction (blocks are
   * never reused), but keep their whole block alive: copy what you retain.
   */
  read(offset: number, length: number): Buffer {
    if (this.whole !== undefined) return this.whole.subarray(offset, offset + length);
    const index = Math.floor(offset / this.blockBytes);
    const start = index * this.blockBytes;
    if (offset + length <= start + this.blockBytes) {
      const block = this.block(index, start);
      return block.subarray(offset - start, offset - start + length);
    }
    return this.readDirect(offset, length);
  }

  /** Makes blocks a whole number of pages, at least one page, so that a page never straddles two blocks. */
  fitBlocksTo(pageSize: number): void {
    const blockBytes = Math.max(pageSize, Math.floor(this.blockBytes / pageSize) * pageSize);
    if (blockBytes === this.blockBytes) return;
    this.blockBytes = blockBytes;
    this.blocks.clear();
    this.cachedBytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.blocks.clear();
    this.whole = undefined;
    closeSync(this.fd);
  }

  /** A cached block, or a fresh one; eviction is "second chance": the oldest block goes unless read since it came. */
  private block(index: number, start: number): Buffer {
    const cached = this.blocks.get(index);
    if (cached) {
      this.stats.cacheHits++;
      cached.used = true;
      return cached.bytes;
    }
    const bytes = this.readDirect(start, Math.min(this.blockBytes, this.size - start));
    this.cachedBytes += bytes.length;
    for (const [oldIndex, old] of this.blocks) {
      if (this.cachedBytes <= this.cacheBytes) break;
      this.blocks.delete(oldIndex);
      if (old.used) {
        old.used = false;
        this.blocks.set(oldIndex, old);
      } else {
        this.cachedBytes -= old.bytes.length;
      }
    }
    this.blocks.set(index, { bytes, used: false });
    return bytes;
  }

  /** Bytes read straight from the file into a fresh buffer, bypassing the cache; a view when the file was read whole. */
  readDirect(offset: number, length: number): Buffer {
    if (this.closed) throw new Error(`${this.path} is closed`);
    if (this.whole !== undefined) return this.whole.subarray(offset, offset + length);
    return this.readInto(Buffer.allocUnsafe(length), offset);
  }

  /** Fills `buffer` from the file's byte `offset` on. */
  private readInto(buffer: Buffer, offset: number): Buffer {
    const { length } = buffer;
    let filled = 0;
    while (filled < length) {
      const n = readSync(this.fd, buffer, filled, length - filled, offset + filled);
      this.stats.preads++;
      if (n === 0) throw new Error(`${this.path} ended at byte ${offset + filled} while ${offset + length} were expected (did the file shrink?)`);
      filled += n;
    }
    this.stats.bytesRead += length;
    return buffer;
  }
}
