/**
 * `kubectl get -o yaml` output: kubectl marshals the object to JSON and converts it with sigs.k8s.io/yaml, whose
 * JSONToYAML reads the JSON with go-yaml v2 and prints it with go-yaml v2's emitter. This is a port of the behaviour
 * of that emitter (emitterc.go: block mappings with sorted keys, indentless sequences under mapping keys, scalar
 * styles, folding at 80 columns, literal blocks) for the values JSON can hold.
 */
import type { JsonObject, JsonValue } from '../codec/value.js';
import { goYamlBigInt, goYamlNumber } from './go-number.js';
import { sortYamlKeys } from './yaml-key-order.js';
import {
  BLOCK_ALLOWED,
  HAS_ESCAPES,
  LEADING_BOM,
  MULTILINE,
  PLAIN_ALLOWED,
  SINGLE_QUOTED_ALLOWED,
  analyzeScalar,
  isBreak,
  isPrintable,
  normalizeScalar,
} from './yaml-scalar.js';
import { isPlainString } from './yaml-resolve.js';

export function toKubectlYaml(value: JsonValue): string {
  const emitter = new Emitter();
  emitter.node(value, false);
  emitter.writeIndent(); // document end
  return emitter.out;
}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
/** A mapping key longer than this (in UTF-8 bytes) is written in `? key` form. */
const MAX_SIMPLE_KEY_BYTES = 128;

const enum Style {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
}

class Emitter {
  out = '';
  private column = 0;
  /** Indentation of the current block; -1 before the root node. */
  private indent = -1;
  /** The last character written is whitespace (or nothing was written on the line). */
  private whitespace = true;
  /** Only indentation, and indicators that count as indentation (`- `), are on the current line. */
  private indention = true;

  node(value: JsonValue, inMapping: boolean): void {
    if (value === null) this.writeShortPlain('null');
    else if (typeof value === 'string') this.scalar(value, false);
    else if (typeof value === 'number') this.writeShortPlain(goYamlNumber(value));
    else if (typeof value === 'boolean') this.writeShortPlain(value ? 'true' : 'false');
    else if (typeof value === 'bigint') this.writeShortPlain(goYamlBigInt(value));
    else if (Array.isArray(value)) this.sequence(value, inMapping);
    else this.mapping(value);
  }

  private mapping(object: JsonObject): void {
    const keys = Object.keys(object);
    if (keys.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    sortYamlKeys(keys);
    const outer = this.indent;
    this.indent = outer < 0 ? 0 : outer + BEST_INDENT;
    for (const key of keys) {
      this.writeIndent();
      const simple = simpleKey(key);
      if (simple !== undefined) {
        this.put(simple);
        this.whitespace = false;
        this.indention = false;
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(key, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(object[key] as JsonValue, true);
    }
    this.indent = outer;
  }

  private sequence(items: JsonValue[], inMapping: boolean): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    const outer = this.indent;
    // A sequence that is a mapping value starting on a fresh line is not indented: `key:\n- item`.
    const indentless = inMapping && !this.indention;
    this.indent = outer < 0 ? 0 : indentless ? outer : outer + BEST_INDENT;
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false);
    }
    this.indent = outer;
  }

  /**
   * A string: encode.go stringv picks a style, emitterc.go yaml_emitter_select_scalar_style overrides it. A simple
   * key (never multi-line: see `simpleKey`) may not break or be a block.
   */
  scalar(value: string, simpleKey: boolean): void {
    let flags = analyzeScalar(value);
    const text = normalizeScalar(value, flags);
    if (text !== value) flags = analyzeScalar(text);
    let style = text.includes('\n') ? Style.Literal : isPlainString(text) ? Style.Plain : Style.DoubleQuoted;
    if (style === Style.Plain && (flags & PLAIN_ALLOWED) === 0) style = Style.SingleQuoted;
    if (style === Style.SingleQuoted && (flags & SINGLE_QUOTED_ALLOWED) === 0) style = Style.DoubleQuoted;
    if (style === Style.Literal && ((flags & BLOCK_ALLOWED) === 0 || simpleKey)) style = Style.DoubleQuoted;

    const outer = this.indent;
    this.indent = outer < 0 ? BEST_INDENT : outer + BEST_INDENT;
    const allowBreaks = !simpleKey;
    if (style === Style.Plain) this.writePlain(text, allowBreaks);
    else if (style === Style.SingleQuoted) this.writeSingleQuoted(text, allowBreaks, flags);
    else if (style === Style.DoubleQuoted) this.writeDoubleQuoted(text, allowBreaks, flags);
    else this.writeLiteral(text);
    this.indent = outer;
  }

  /** A scalar without spaces or breaks (numbers, booleans, null): nothing to fold. */
  private writeShortPlain(text: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = false;
  }

  private writePlain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    // A fold needs a space past column 80 that is not the last character.
    if (!allowBreaks || this.column + text.length - 2 <= BEST_WIDTH) {
      this.put(text);
    } else {
      let spaces = false;
      let i = 0;
      while (i < text.length) {
        const space = text.indexOf(' ', i);
        const end = space < 0 ? text.length : space;
        if (end > i) {
          this.put(text.slice(i, end));
          this.indention = false;
          spaces = false;
        }
        if (space < 0) break;
        if (!spaces && this.column > BEST_WIDTH && text.charCodeAt(space + 1) !== 0x20) this.writeIndent();
        else this.put(' ');
        spaces = true;
        i = space + 1;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean, flags: number): void {
    this.writeIndicator("'", true, false, false);
    const quoted = text.includes("'") ? text.replaceAll("'", "''") : text;
    if ((flags & MULTILINE) === 0 && (!allowBreaks || this.column + quoted.length - 2 <= BEST_WIDTH)) {
      this.put(quoted);
    } else {
      this.writeSingleQuotedFolding(text, allowBreaks);
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuotedFolding(text: string, allowBreaks: boolean): void {
    const n = text.length;
    let spaces = false;
    let breaks = false;
    let run = 0; // start of the characters not yet written
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) {
        const column = this.column + i - run;
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < n - 1 && text.charCodeAt(i + 1) !== 0x20) {
          this.flush(text, run, i);
          this.writeIndent();
          run = i + 1;
        }
        spaces = true;
      } else if (isBreak(c)) {
        // Only LS and PS get here: a value with a line feed is a literal block or double-quoted.
        this.flush(text, run, i);
        this.writeBreak(text[i] as string);
        this.indention = true;
        breaks = true;
        run = i + 1;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) {
          this.flush(text, run, i);
          this.put("'");
          run = i;
        }
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.flush(text, run, n);
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean, flags: number): void {
    this.writeIndicator('"', true, false, false);
    if ((flags & HAS_ESCAPES) === 0 && (!allowBreaks || this.column + text.length - 2 <= BEST_WIDTH)) {
      this.put(text);
    } else {
      this.writeDoubleQuotedEscaping(text, allowBreaks, (flags & LEADING_BOM) !== 0);
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuotedEscaping(text: string, allowBreaks: boolean, escapeAll: boolean): void {
    const n = text.length;
    let spaces = false;
    let run = 0;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      const codePoint = text.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      if (escapeAll || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.flush(text, run, i);
        this.put(escapeSequence(codePoint));
        spaces = false;
        run = i + width;
      } else if (c === 0x20) {
        const column = this.column + i - run;
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.flush(text, run, i);
          this.writeIndent();
          // A line starting with a space would lose it: escape it.
          if (text.charCodeAt(i + 1) === 0x20) this.put('\\');
          run = i + 1;
        }
        spaces = true;
      } else {
        spaces = false;
      }
      i += width;
    }
    this.flush(text, run, n);
  }

  private writeLiteral(text: string): void {
    this.writeIndicator('|', true, false, false);
    const first = text.charCodeAt(0);
    if (first === 0x20 || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const chomp = literalChomping(text);
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let i = 0;
    while (i < text.length) {
      if (isBreak(text.charCodeAt(i))) {
        this.writeBreak(text[i] as string);
        this.indention = true;
        breaks = true;
        i++;
        continue;
      }
      if (breaks) this.writeIndent();
      let end = i + 1;
      while (end < text.length && !isBreak(text.charCodeAt(end))) end++;
      this.put(text.slice(i, end));
      this.indention = false;
      breaks = false;
      i = end;
    }
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.out += newLineIndented(indent);
      this.column = indent;
    } else if (this.column < indent) {
      this.put(spaces(indent - this.column));
    }
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Characters written to the current line; every character counts one column (all are in the BMP here). */
  private put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  private flush(text: string, from: number, to: number): void {
    if (to > from) this.put(text.slice(from, to));
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** A break from the value: LF is the emitter's own line break, LS and PS are copied as they are. */
  private writeBreak(character: string): void {
    if (character === '\n') this.putBreak();
    else {
      this.out += character;
      this.column = 0;
    }
  }
}

/**
 * `key:` as written at the start of a line, or undefined when the key needs the `? key` form. A simple key never
 * folds or breaks, so its text is the same wherever it stands: keys repeat across objects, and are rendered once.
 */
function simpleKey(key: string): string | undefined {
  let text = simpleKeys.get(key);
  if (text === undefined) {
    text = renderSimpleKey(key);
    if (simpleKeys.size >= MAX_CACHED_KEYS) simpleKeys.clear();
    simpleKeys.set(key, text);
  }
  return text === '' ? undefined : text;
}

const MAX_CACHED_KEYS = 50_000;
/** Rendered simple keys; '' marks a key that is not simple. */
const simpleKeys = new Map<string, string>();

function renderSimpleKey(key: string): string {
  const text = normalizeScalar(key, analyzeScalar(key));
  if ((analyzeScalar(text) & MULTILINE) !== 0 || !fitsSimpleKey(text)) return '';
  const emitter = new Emitter();
  emitter.scalar(text, true);
  emitter.writeIndicator(':', false, false, false);
  return emitter.out;
}

/** Block chomping: `-` strips a value without a final break, `+` keeps more than one final break. */
function literalChomping(text: string): string {
  const n = text.length;
  if (!isBreak(text.charCodeAt(n - 1))) return '-';
  if (n === 1 || isBreak(text.charCodeAt(n - 2))) return '+';
  return '';
}

const SHORT_ESCAPES = new Map<number, string>([
  [0x00, '\\0'],
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0b, '\\v'],
  [0x0c, '\\f'],
  [0x0d, '\\r'],
  [0x1b, '\\e'],
  [0x22, '\\"'],
  [0x5c, '\\\\'],
  [0x85, '\\N'],
  [0xa0, '\\_'],
  [0x2028, '\\L'],
  [0x2029, '\\P'],
]);

function escapeSequence(codePoint: number): string {
  const short = SHORT_ESCAPES.get(codePoint);
  if (short !== undefined) return short;
  const hex = codePoint.toString(16).toUpperCase();
  if (codePoint <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

const SPACES = ' '.repeat(256);
const NEW_LINES = Array.from({ length: 64 }, (_, indent) => `\n${SPACES.slice(0, indent)}`);

function spaces(count: number): string {
  return count <= SPACES.length ? SPACES.slice(0, count) : ' '.repeat(count);
}

function newLineIndented(indent: number): string {
  return NEW_LINES[indent] ?? `\n${spaces(indent)}`;
}

/** go-yaml measures the key in UTF-8 bytes; a UTF-16 unit takes at most three, which settles most keys at once. */
function fitsSimpleKey(text: string): boolean {
  return text.length * 3 <= MAX_SIMPLE_KEY_BYTES || Buffer.byteLength(text, 'utf8') <= MAX_SIMPLE_KEY_BYTES;
}
