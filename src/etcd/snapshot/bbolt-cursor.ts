/**
 * An ordered walk over one bucket's B+tree, as bbolt's Cursor does it: a stack of (page, element index) from the
 * bucket's root page down to a leaf. Guards against damaged files: a page that reappears on its own path (a cycle),
 * a leaf reached twice in one walk (a page referenced twice, which could multiply a walk's length beyond any end),
 * a path deeper than any real tree, and pages of the wrong type all raise a BoltFormatError naming the page.
 */
import type { Bucket } from './bbolt-bucket.js';
import type { LeafEntry, Page } from './bbolt-page.js';

interface Frame {
  readonly page: Page;
  index: number;
}

/** Far deeper than a real tree gets (a 4 KiB-page tree of depth 20 would hold more keys than a disk can). */
const MAX_DEPTH = 64;

export class Cursor {
  private stack: Frame[] = [];
  /**
   * The walk each leaf page was last entered in, by page id: a leaf entered twice in one walk means a damaged tree.
   * A new walk (a start, or a change of direction) takes the next number, so nothing needs clearing.
   */
  private enteredIn: Uint32Array | undefined;
  private walk = 1;
  private direction: 'forward' | 'backward' = 'forward';

  constructor(private readonly bucket: Bucket) {}

  /** The first entry, or undefined when the bucket is empty. */
  first(): LeafEntry | undefined {
    this.turn('forward', true);
    this.stack = [{ page: this.bucket.rootPage(), index: 0 }];
    if (this.top().page.isLeaf) this.enterLeaf(this.top().page);
    this.descend('first');
    return this.top().page.count === 0 ? this.next() : this.current();
  }

  last(): LeafEntry | undefined {
    const root = this.bucket.rootPage();
    this.turn('backward', true);
    this.stack = [{ page: root, index: root.count - 1 }];
    if (root.isLeaf) this.enterLeaf(root);
    this.descend('last');
    return this.top().page.count === 0 ? this.prev() : this.current();
  }

  /** The entry after the current one, or undefined past the end. */
  next(): LeafEntry | undefined {
    this.turn('forward', false);
    for (;;) {
      let level = this.stack.length - 1;
      for (; level >= 0; level--) {
        const frame = this.stack[level] as Frame;
        if (frame.index < frame.page.count - 1) {
          frame.index++;
          break;
        }
      }
      if (level < 0) return undefined;
      this.stack.length = level + 1;
      this.descend('first');
      if (this.top().page.count > 0) return this.current();
    }
  }

  prev(): LeafEntry | undefined {
    this.turn('backward', false);
    for (;;) {
      let level = this.stack.length - 1;
      for (; level >= 0; level--) {
        const frame = this.stack[level] as Frame;
        if (frame.index > 0) {
          frame.index--;
          break;
        }
      }
      if (level < 0) return undefined;
      this.stack.length = level + 1;
      this.descend('last');
      if (this.top().page.count > 0) return this.current();
    }
  }

  /** The first entry whose key is >= `key`, or undefined when there is none. */
  seek(key: Uint8Array): LeafEntry | undefined {
    let page = this.bucket.rootPage();
    this.turn('forward', true);
    this.stack = [];
    for (;;) {
      if (page.isLeaf) {
        this.stack.push({ page, index: firstAtLeast(page, key, (i) => page.leafKey(i)) });
        this.enterLeaf(page);
        break;
      }
      if (!page.isBranch) page.fail(`a ${page.typeName} page where a branch or leaf page belongs`, this.bucket.description);
      let index = firstAtLeast(page, key, (i) => page.branchKey(i));
      // Descend into the child whose range holds the key: the exact match, else the one before.
      if (index > 0 && (index === page.count || Buffer.compare(page.branchKey(index), key) !== 0)) index--;
      const frame = { page, index };
      this.stack.push(frame);
      page = this.child(frame);
    }
    const top = this.top();
    return top.index >= top.page.count ? this.next() : this.current();
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private current(): LeafEntry | undefined {
    const { page, index } = this.top();
    return index >= 0 && index < page.count ? page.leafEntry(index) : undefined;
  }

  /** From the top frame down to a leaf, along the first or the last child at each level. */
  private descend(edge: 'first' | 'last'): void {
    for (let frame = this.top(); !frame.page.isLeaf; frame = this.top()) {
      if (!frame.page.isBranch) frame.page.fail(`a ${frame.page.typeName} page where a branch or leaf page belongs`, this.bucket.description);
      const child = this.child(frame);
      this.stack.push({ page: child, index: edge === 'first' ? 0 : child.count - 1 });
      if (child.isLeaf) this.enterLeaf(child);
    }
  }

  /** A walk that starts or changes direction may pass leaves it has seen: forget them. */
  private turn(direction: 'forward' | 'backward', start: boolean): void {
    if (start || direction !== this.direction) this.walk++;
    this.direction = direction;
  }

  private enterLeaf(page: Page): void {
    const id = page.origin.pageId;
    if (id === undefined) return;
    this.enteredIn ??= new Uint32Array(this.bucket.db.meta.highWaterMark);
    if (this.enteredIn[id] === this.walk) {
      page.fail(`the walk of ${this.bucket.description} reaches this leaf a second time: the tree references it twice`);
    }
    this.enteredIn[id] = this.walk;
  }

  private child(frame: Frame): Page {
    const id = frame.page.branchChild(frame.index);
    const where = `child ${frame.index} of branch page ${frame.page.origin.pageId ?? '(inline)'}, ${this.bucket.description}`;
    if (this.stack.some((f) => f.page.origin.pageId === id)) {
      frame.page.fail(`page ${id} is its own ancestor: the tree has a cycle`, where);
    }
    if (this.stack.length >= MAX_DEPTH) frame.page.fail(`the tree is deeper than ${MAX_DEPTH} levels`, where);
    const child = this.bucket.db.page(id, where);
    if (!child.isBranch && !child.isLeaf) child.fail(`a ${child.typeName} page where a branch or leaf page belongs`, where);
    return child;
  }
}

function firstAtLeast(page: Page, key: Uint8Array, keyAt: (index: number) => Buffer): number {
  let low = 0;
  let high = page.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Buffer.compare(keyAt(middle), key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
