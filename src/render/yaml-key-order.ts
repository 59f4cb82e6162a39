/**
 * The order go-yaml v2 gives string map keys (sorter.go keyList.Less): compared rune by rune; at the first
 * difference letters sort by code point and after non-letters, and runs of digits compare by their value, so
 * `a2` sorts before `a10`. Digit-run values wrap around as Go's int64 arithmetic does.
 */
export function compareYamlKeys(a: string, b: string): number {
  return goYamlKeyLess(a, b) ? -1 : 1;
}

/** Sorts in place; objects mostly have a handful of keys, where insertion sort beats Array.prototype.sort. */
export function sortYamlKeys(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort(compareYamlKeys);
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && goYamlKeyLess(key, keys[j] as string)) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Distinct keys are never equal under this order, so one call decides. */
function goYamlKeyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length;
  let ca = a.charCodeAt(i);
  let cb = b.charCodeAt(i);
  if (ca >= 0xd800 || cb >= 0xd800) {
    ca = codePointAt(a, i);
    cb = codePointAt(b, i);
  }
  const aLetter = isLetter(ca);
  const bLetter = isLetter(cb);
  if (aLetter && bLetter) return ca < cb;
  if (aLetter || bLetter) return bLetter;
  return nonLetterLess(a, b, i, ca, cb);
}

function nonLetterLess(a: string, b: string, i: number, ca: number, cb: number): boolean {
  // A zero after a non-zero digit is part of a number already under way, not a leading zero.
  let seed = 0;
  if (ca === 0x30 || cb === 0x30) {
    for (let j = i - 1; j >= 0 && isDigit(a.charCodeAt(j)); j--) {
      if (a.charCodeAt(j) !== 0x30) {
        seed = 1;
        break;
      }
    }
  }
  const [aValue, aEnd] = digitRun(a, i, seed);
  const [bValue, bEnd] = digitRun(b, i, seed);
  const mixed = typeof aValue !== typeof bValue;
  const an = mixed ? BigInt(aValue) : aValue;
  const bn = mixed ? BigInt(bValue) : bValue;
  if (an !== bn) return an < bn;
  if (aEnd !== bEnd) return aEnd < bEnd;
  return ca < cb;
}

/** The value of the digit run starting at `start` (folded into `seed`) and where the run ends. */
function digitRun(s: string, start: number, seed: number): [number | bigint, number] {
  let end = start;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  if (end - start <= 10) {
    let value = seed;
    for (let k = start; k < end; k++) value = value * 10 + (s.charCodeAt(k) - 0x30);
    return [value, end];
  }
  let value = BigInt(seed);
  for (let k = start; k < end; k++) value = BigInt.asIntN(64, value * 10n + BigInt(s.charCodeAt(k) - 0x30));
  return [value, end];
}

/** The code point at UTF-16 index i, also when i falls on the second half of a surrogate pair. */
function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const high = s.charCodeAt(i - 1);
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(i - 1) as number;
  }
  return s.codePointAt(i) as number;
}

const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** unicode.IsLetter. */
function isLetter(c: number): boolean {
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  return LETTER.test(String.fromCodePoint(c));
}

/** unicode.IsDigit for the Basic Multilingual Plane; the few astral-plane digits count as non-digits here. */
function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DECIMAL_DIGIT.test(String.fromCharCode(c));
}
