/**
 * Unified diffs of two texts, line by line, as `diff -u` prints them: `---`/`+++` labels, `@@ -a,b +c,d @@` hunks
 * with three lines of context. Lines are matched with Myers' O(ND) algorithm after the common head and tail are set
 * aside (decoded objects mostly differ in a few places); past MAX_EDITS differences the middle is shown as replaced
 * whole rather than searched further.
 */

export type LineChange = { readonly kind: 'same' | 'removed' | 'added'; readonly line: string };

/** Beyond this many inserted plus deleted lines, stop looking for a shortest edit script (memory grows as its square). */
const MAX_EDITS = 4000;
const CONTEXT = 3;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Myers' greedy forward search, keeping each round's furthest-reaching x per diagonal so the path can be walked back.
 * Undefined when the texts differ in more than `limit` lines.
 */
function shortestEdit(a: readonly string[], b: readonly string[], limit: number): LineChange[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const furthest = new Int32Array(2 * offset + 1);
  const rounds: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, limit); d++) {
    rounds.push(furthest.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (furthest[offset + k - 1] as number) < (furthest[offset + k + 1] as number));
      let x = down ? (furthest[offset + k + 1] as number) : (furthest[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      furthest[offset + k] = x;
      if (x >= n && y >= m) return walkBack(a, b, rounds, d);
    }
  }
  return undefined;
}

/** The edit script from the rounds recorded by shortestEdit; `rounds[d]` holds diagonals -d..d as they were before round d. */
function walkBack(a: readonly string[], b: readonly string[], rounds: readonly Int32Array[], last: number): LineChange[] {
  const changes: LineChange[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const before = rounds[d] as Int32Array;
    const at = (k: number) => before[k + d] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const startX = down ? previousX : previousX + 1;
    const startY = down ? previousY + 1 : previousY;
    while (x > startX && y > startY) {
      x--;
      y--;
      changes.push({ kind: 'same', line: a[x] as string });
    }
    if (down) changes.push({ kind: 'added', line: b[--y] as string });
    else changes.push({ kind: 'removed', line: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    changes.push({ kind: 'same', line: a[x] as string });
  }
  return changes.reverse();
}

/** The lines of `before` and `after`, each marked same, removed or added, in order. */
export function diffLines(before: readonly string[], after: readonly string[]): LineChange[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle = shortestEdit(a, b, MAX_EDITS) ?? [
    ...a.map((line): LineChange => ({ kind: 'removed', line })),
    ...b.map((line): LineChange => ({ kind: 'added', line })),
  ];
  const same = (line: string): LineChange => ({ kind: 'same', line });
  return [...before.slice(0, head).map(same), ...middle, ...before.slice(before.length - tail).map(same)];
}

/** `-3,4`; a hunk side with one line drops the count, an empty one names the line before it (as GNU diff). */
function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * `diff -u` of two texts under the given labels; the empty string when they are equal. Each line of the result
 * ends with a line feed.
 */
export function unifiedDiff(before: string, after: string, labels: { readonly before: string; readonly after: string }): string {
  const changes = diffLines(splitLines(before), splitLines(after));
  const changed = changes.map((change, i) => (change.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  let out = `--- ${labels.before}\n+++ ${labels.after}\n`;
  // Line numbers before each change, on both sides.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let n = 1;
  for (const change of changes) {
    oldLine.push(o);
    newLine.push(n);
    if (change.kind !== 'added') o++;
    if (change.kind !== 'removed') n++;
  }
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, (changed[i] as number) - CONTEXT);
    let end = (changed[i] as number) + 1;
    // Changes closer than twice the context share a hunk.
    while (i < changed.length && (changed[i] as number) - end <= 2 * CONTEXT) end = (changed[i++] as number) + 1;
    end = Math.min(changes.length, end + CONTEXT);
    const hunk = changes.slice(start, end);
    const oldCount = hunk.filter((c) => c.kind !== 'added').length;
    const newCount = hunk.filter((c) => c.kind !== 'removed').length;
    out += `@@ -${range(oldLine[start] as number, oldCount)} +${range(newLine[start] as number, newCount)} @@\n`;
    for (const change of hunk) out += `${change.kind === 'same' ? ' ' : change.kind === 'removed' ? '-' : '+'}${change.line}\n`;
  }
  return out;
}
