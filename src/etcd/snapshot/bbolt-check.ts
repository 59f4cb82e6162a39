/**
 * bbolt's consistency check (tx.Check in bbolt 1.3, which `etcdctl snapshot status` runs before anything else):
 * every page below the high-water mark is used exactly once (meta pages, the freelist, each bucket's tree) or listed
 * free, and the trees hold only branch and leaf pages. When the freelist is not persisted (etcd's setting), bbolt
 * takes every unreachable page as free, so only the tree checks remain. Unlike bbolt, a page reached twice is not
 * walked twice, so a damaged file with a cycle ends.
 */
import type { BoltDb } from './bbolt-db.js';
import { BUCKET_HEADER_SIZE, BUCKET_LEAF_FLAG, type Page } from './bbolt-page.js';
import { BoltFormatError } from './errors.js';

/** Deeper than real trees and bucket nestings get; stops a damaged chain of pages from exhausting the stack. */
const MAX_DEPTH = 256;

/** Problems found, worded as bbolt words them (`page 12: multiple references`); empty for a consistent file. */
export function checkIntegrity(db: BoltDb): string[] {
  const { highWaterMark, freelistPageId } = db.meta;
  const problems: string[] = [];
  const reachable = new Uint8Array(highWaterMark);
  const freed = new Uint8Array(highWaterMark);

  /** Runs `step`; a damaged page it meets becomes a problem (`page N: what`) instead of ending the check. */
  const guarded = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof BoltFormatError)) throw error;
      problems.push(`page ${error.location.pageId ?? '?'}: ${error.problem}`);
    }
  };

  guarded(() => {
    for (const id of db.freePageIds()) {
      if (id >= highWaterMark) problems.push(`page ${id}: freed but beyond the last page in use (${highWaterMark - 1})`);
      else if (freed[id]) problems.push(`page ${id}: already freed`);
      else freed[id] = 1;
    }
  });
  reachable[0] = 1;
  reachable[1] = 1;
  if (freelistPageId !== undefined) {
    reachable[freelistPageId] = 1;
    guarded(() => {
      const span = db.page(freelistPageId, 'freelist').spanBytes / db.pageSize;
      for (let i = 1; i < span; i++) reachable[freelistPageId + i] = 1;
    });
  }

  const visitPage = (id: number, context: string, depth: number, onLeaf: (page: Page) => void): void => {
    if (depth > MAX_DEPTH) {
      problems.push(`page ${id}: more than ${MAX_DEPTH} levels of pages and buckets above it`);
      return;
    }
    if (id >= highWaterMark) {
      problems.push(`page ${id}: out of bounds: ${highWaterMark}`);
      return;
    }
    if (reachable[id]) {
      // As bbolt: every page the twice-reached page spans is reported; unlike bbolt, it is not walked again.
      let span = 1;
      guarded(() => {
        span = db.page(id, context).spanBytes / db.pageSize;
      });
      for (let i = 0; i < span; i++) problems.push(`page ${id + i}: multiple references`);
      return;
    }
    reachable[id] = 1;
    guarded(() => {
      const page = db.page(id, context);
      const span = page.spanBytes / db.pageSize;
      for (let i = 1; i < span; i++) {
        if (reachable[id + i]) problems.push(`page ${id + i}: multiple references`);
        reachable[id + i] = 1;
      }
      if (freed[id]) problems.push(`page ${id}: reachable freed`);
      else if (page.isBranch) {
        for (let i = 0; i < page.count; i++) visitPage(page.branchChild(i), `child ${i} of branch page ${id}`, depth + 1, onLeaf);
      } else if (page.isLeaf) onLeaf(page);
      else problems.push(`page ${id}: invalid type: ${page.typeName}`);
    });
  };

  const visitBucket = (rootId: number, name: string, depth: number): void => {
    visitPage(rootId, `root of ${name}`, depth, (leaf) => {
      for (let i = 0; i < leaf.count; i++) {
        const entry = leaf.leafEntry(i);
        if ((entry.flags & BUCKET_LEAF_FLAG) === 0) continue;
        if (entry.value.length < BUCKET_HEADER_SIZE) {
          problems.push(`page ${leaf.origin.pageId ?? '?'}: bucket ${JSON.stringify(entry.key.toString('latin1'))} has a value of ${entry.value.length} bytes, shorter than a bucket header`);
          continue;
        }
        const childRoot = entry.value.readBigUInt64LE(0);
        // Inline buckets own no pages (and bbolt does not look inside them).
        if (childRoot !== 0n) visitBucket(Number(childRoot), `bucket ${JSON.stringify(entry.key.toString('latin1'))}`, depth + 1);
      }
    });
  };

  visitBucket(db.meta.rootPageId, 'the root bucket', 0);

  // Without a persisted freelist bbolt derives the free pages as the unreachable ones: nothing can be unaccounted.
  if (freelistPageId !== undefined) {
    for (let id = 0; id < highWaterMark; id++) {
      if (!reachable[id] && !freed[id]) problems.push(`page ${id}: unreachable unfreed`);
    }
  }
  return problems;
}
