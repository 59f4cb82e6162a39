/**
 * go-yaml v2's scalar analysis (emitterc.go yaml_emitter_analyze_scalar and the is_* tests of yamlprivateh.go):
 * one scan of a string that says which styles may print it. Block context only: kubectl's output never puts a
 * scalar inside a flow collection (its only flow collections are `{}` and `[]`).
 */
import { wellFormed } from './well-formed.js';

export const MULTILINE = 1;
export const PLAIN_ALLOWED = 2;
export const SINGLE_QUOTED_ALLOWED = 4;
export const BLOCK_ALLOWED = 8;
/** The double-quoted writer has something to escape. */
export const HAS_ESCAPES = 16;
/** go-yaml's BOM test looks at the start of the value for every character: a leading BOM escapes them all. */
export const LEADING_BOM = 32;
/** Holds U+0085 or a lone surrogate: see `normalizeScalar`. */
const NEEDS_NORMALIZING = 64;

/** Analysis of an empty string: plain would do, but it resolves to null and so is double-quoted anyway. */
const EMPTY = PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED;

/** What most strings in an object are: nothing in them restricts the style. */
const UNRESTRICTED = PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED | BLOCK_ALLOWED;

export function analyzeScalar(s: string): number {
  const n = s.length;
  if (n === 0) return EMPTY;
  if (isQuietText(s)) return UNRESTRICTED;
  let indicators = n >= 3 && (s.startsWith('---') || s.startsWith('...'));
  let special = false;
  let escapes = false;
  let normalizing = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    let width = 1;
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = s.charCodeAt(i + 1);
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) width = 2;
      else normalizing = true;
    }
    const next = s.charCodeAt(i + width);
    const followedByWhitespace = i + width >= n || next === 0x20 || next === 0x09;
    if (i === 0) {
      indicators ||= isLeadingIndicator(c, followedByWhitespace);
    } else if ((c === 0x3a && followedByWhitespace) || (c === 0x23 && precededByWhitespace)) {
      indicators = true; // `: ` or ` #`
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x22 || c === 0x5c) escapes = true;
    if (c === 0x85) normalizing = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i + width === n) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i + width === n) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === 0x20 || c === 0x09 || c === 0 || isBreak(c);
    i += width;
  }

  let flags = PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED | BLOCK_ALLOWED;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || indicators) {
    flags &= ~PLAIN_ALLOWED;
  }
  if (trailingSpace) flags &= ~BLOCK_ALLOWED;
  if (breakSpace) flags &= ~(PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED);
  if (spaceBreak || special) flags &= ~(PLAIN_ALLOWED | SINGLE_QUOTED_ALLOWED | BLOCK_ALLOWED);
  if (lineBreaks) flags |= MULTILINE;
  if (special || escapes || lineBreaks) flags |= HAS_ESCAPES;
  if (s.charCodeAt(0) === 0xfeff) flags |= LEADING_BOM;
  if (normalizing) flags |= NEEDS_NORMALIZING;
  return flags;
}

/**
 * The string go-yaml sees, which is not always the one given: kubectl converts JSON to YAML by parsing the JSON
 * as YAML, and in that double-quoted scalar a raw U+0085 (NEL, which Go's JSON leaves unescaped) is a line
 * break that folds: a run of spaces and NELs becomes one space for a single NEL, else a newline per extra NEL.
 * Lone surrogates become U+FFFD as in Go.
 */
export function normalizeScalar(s: string, flags: number): string {
  if ((flags & NEEDS_NORMALIZING) === 0) return s;
  const text = wellFormed(s);
  if (!text.includes('\u0085')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x85) {
      out += text[i];
      i++;
      continue;
    }
    let end = i;
    let nels = 0;
    while (end < text.length && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x85)) {
      if (text.charCodeAt(end) === 0x85) nels++;
      end++;
    }
    out += nels === 0 ? text.slice(i, end) : nels === 1 ? ' ' : '\n'.repeat(nels - 1);
    i = end;
  }
  return out;
}

/** ASCII that never restricts the style after the first character: printable, but not `"`, `#`, `:` or `\`. */
const QUIET_ASCII = new Uint8Array(128).map((_, c) => (c >= 0x20 && c <= 0x7e && !'"#:\\'.includes(String.fromCharCode(c)) ? 1 : 0));

/**
 * The fast path of the analysis: text starting with a letter or digit, not ending in a space, and holding only
 * printable characters that are no break, quote, backslash, `#` or `:`, has none of the conditions below.
 */
function isQuietText(s: string): boolean {
  const first = s.charCodeAt(0);
  const lower = first | 0x20;
  if (!((lower >= 0x61 && lower <= 0x7a) || (first >= 0x30 && first <= 0x39))) return false;
  if (s.charCodeAt(s.length - 1) === 0x20) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? QUIET_ASCII[c] === 0 : !isPrintable(c) || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

/** The first character alone makes plain style impossible (`#`, `-` + space, `? `, `: `, quotes, `%`...). */
function isLeadingIndicator(c: number, followedByWhitespace: boolean): boolean {
  switch (c) {
    case 0x23: // #
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2d: // -
      return followedByWhitespace;
    default:
      return false;
  }
}

/** is_printable for a UTF-16 unit: tab, CR, DEL, C1 controls, BOM, U+FFFE/F and all astral characters are not. */
export function isPrintable(c: number): boolean {
  if (c >= 0x20 && c <= 0x7e) return true;
  if (c < 0x20) return c === 0x0a;
  return (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

/** is_break: LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
export function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}
