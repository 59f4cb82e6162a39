/**
 * bbolt's meta pages (pages 0 and 1): the root of everything. Layout after the 16-byte page header, little-endian:
 * magic u32, version u32, pageSize u32, flags u32, root bucket {root pgid u64, sequence u64}, freelist pgid u64,
 * high-water mark pgid u64, txid u64, checksum u64 (FNV-1a 64 of the 56 bytes before it). A commit writes the meta
 * page txid % 2, so the valid one with the higher txid is the newest state.
 */
import { PAGE_HEADER_SIZE, PageFlag } from './bbolt-page.js';

const BOLT_MAGIC = 0xed0cdaed;
const BOLT_VERSION = 2;
const META_SIZE = 64;
const CHECKSUMMED_BYTES = 56;
/** The freelist pgid bbolt writes when the freelist is not persisted (etcd sets NoFreelistSync). */
const NO_FREELIST = 0xffff_ffff_ffff_ffffn;

export interface BoltMeta {
  /** 0 or 1: the meta page this came from. */
  readonly pageId: number;
  readonly pageSize: number;
  readonly flags: number;
  /** Root page of the root bucket (whose keys are the top-level bucket names). */
  readonly rootPageId: number;
  readonly rootSequence: bigint;
  /** Freelist page, or undefined when bbolt did not persist one. */
  readonly freelistPageId: number | undefined;
  /** Pages in use: every page id is below this. */
  readonly highWaterMark: number;
  readonly txid: bigint;
}

/** Why a meta page is unusable, or undefined when it is fine. */
export type MetaProblem = string;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffff_ffff_ffff_ffffn;

function fnv1a64(bytes: Uint8Array): bigint {
  let hash = FNV_OFFSET;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  return hash;
}

function pageNumber(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Bytes a meta page needs: its header and the meta fields. */
export const META_PAGE_BYTES = PAGE_HEADER_SIZE + META_SIZE;

/**
 * Parses the meta page in `page` (at least META_PAGE_BYTES long). Returns the meta or the reason it is unusable,
 * in the order bbolt checks: magic, version, checksum; then what this reader needs to trust it.
 */
export function parseMetaPage(page: Buffer, expectedPageId: number): BoltMeta | MetaProblem {
  const flags = page.readUInt16LE(8);
  const m = page.subarray(PAGE_HEADER_SIZE, PAGE_HEADER_SIZE + META_SIZE);
  const magic = m.readUInt32LE(0);
  if (magic !== BOLT_MAGIC) return `no bbolt magic (found 0x${magic.toString(16).padStart(8, '0')}, expected 0x${BOLT_MAGIC.toString(16)})`;
  const version = m.readUInt32LE(4);
  if (version !== BOLT_VERSION) return `bbolt version ${version}, this reader knows version ${BOLT_VERSION}`;
  const stored = m.readBigUInt64LE(56);
  const computed = fnv1a64(m.subarray(0, CHECKSUMMED_BYTES));
  if (stored !== computed) return `meta checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`;
  if ((flags & PageFlag.meta) === 0) return `page flags 0x${flags.toString(16)} do not mark a meta page`;
  const pageSize = m.readUInt32LE(8);
  if (!isPowerOfTwo(pageSize) || pageSize < 512) return `page size ${pageSize} is not a power of two of at least 512`;
  const rootPageId = pageNumber(m.readBigUInt64LE(16));
  const freelist = m.readBigUInt64LE(32);
  const freelistPageId = freelist === NO_FREELIST ? undefined : pageNumber(freelist);
  const highWaterMark = pageNumber(m.readBigUInt64LE(40));
  if (highWaterMark === undefined || highWaterMark < 2) return `high-water mark ${m.readBigUInt64LE(40)} is not a page count`;
  if (rootPageId === undefined || rootPageId < 2 || rootPageId >= highWaterMark) {
    return `root page ${m.readBigUInt64LE(16)} lies outside the pages in use (2..${highWaterMark - 1})`;
  }
  if (freelist !== NO_FREELIST && (freelistPageId === undefined || freelistPageId < 2 || freelistPageId >= highWaterMark)) {
    return `freelist page ${freelist} lies outside the pages in use (2..${highWaterMark - 1})`;
  }
  return {
    pageId: expectedPageId,
    pageSize,
    flags: m.readUInt32LE(12),
    rootPageId,
    rootSequence: m.readBigUInt64LE(24),
    freelistPageId,
    highWaterMark,
    txid: m.readBigUInt64LE(48),
  };
}

/** bbolt's choice: the meta with the higher txid if valid, else the other if valid. */
export function chooseMeta(meta0: BoltMeta | MetaProblem, meta1: BoltMeta | MetaProblem): BoltMeta | undefined {
  const valid = [meta0, meta1].filter((m): m is BoltMeta => typeof m !== 'string');
  valid.sort((a, b) => (a.txid > b.txid ? -1 : a.txid < b.txid ? 1 : 0));
  return valid[0];
}
