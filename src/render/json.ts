/**
 * `kubectl get -o json` output: Go's json.MarshalIndent(obj, "", "    ") of the object kubectl holds as maps
 * (keys sorted by bytes), with a final newline. Strings are escaped as encoding/json does by default, HTML
 * characters and U+2028/U+2029 included; bigint prints as its digits.
 */
import { compareKeys } from '../codec/key-order.js';
import type { JsonObject, JsonValue } from '../codec/value.js';
import { goJsonNumber } from './go-number.js';
import { wellFormed } from './well-formed.js';

const INDENT = '    ';

export function toKubectlJson(value: JsonValue): string {
  if (isStringifiable(value)) {
    const text = JSON.stringify(value, null, INDENT);
    if (!NEEDS_CAREFUL_PRINTING.test(text)) return `${text.replace(GO_ONLY_ESCAPES, goEscape)}\n`;
  }
  return toKubectlJsonPiecewise(value);
}

/** The same text built piece by piece: for what JSON.stringify cannot print as Go does (and to check that it does). */
export function toKubectlJsonPiecewise(value: JsonValue): string {
  return `${kubectlJsonAt(value, '')}\n`;
}

/**
 * Whether JSON.stringify would print the value's structure as Go does: objects' keys already in Go's order (the
 * decoder builds them so; JSON.stringify keeps it), no bigint (which it refuses), only finite numbers. Strings are
 * checked on the output (NEEDS_CAREFUL_PRINTING).
 */
function isStringifiable(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return typeof value === 'number' ? Number.isFinite(value) : typeof value !== 'bigint';
  if (Array.isArray(value)) {
    for (const item of value) if (!isStringifiable(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    // UTF-16 order: it is Go's byte order for every key the output check lets through.
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!isStringifiable(value[key] as JsonValue)) return false;
  }
  return true;
}

/**
 * Output JSON.stringify does not make as Go would: characters past U+D7FF (where UTF-16 order, which keys were
 * checked in, parts from Go's byte order, and where lone surrogates lie, which Go prints as U+FFFD) and lone
 * surrogate escapes. Rare: such values take the careful path.
 */
const NEEDS_CAREFUL_PRINTING = /[\uD800-\uFFFF]|\\u[dD][89a-fA-F]/;

/** The value's text where a line's indentation is `indent` (no final newline): for printers that nest it. */
export function kubectlJsonAt(value: JsonValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += `${i === 0 ? '\n' : ',\n'}${inner}${kubectlJsonAt(value[i] as JsonValue, inner)}`;
    }
    return `${out}\n${indent}]`;
  }
  const keys = sortedKeys(value);
  if (keys.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '\n' : ',\n'}${inner}${goJsonString(key)}: ${kubectlJsonAt(value[key] as JsonValue, inner)}`;
  }
  return `${out}\n${indent}}`;
}

const NEEDS_GO_ESCAPING = /[<>&\u2028\u2029\uD800-\uDFFF]/;
const GO_ONLY_ESCAPES = /[<>&\u2028\u2029]/g;

/** JSON.stringify escapes as Go does (short forms for \b \f \n \r \t, lower-case \u00XX) apart from these. */
export function goJsonString(s: string): string {
  if (!NEEDS_GO_ESCAPING.test(s)) return JSON.stringify(s);
  return JSON.stringify(wellFormed(s)).replace(GO_ONLY_ESCAPES, goEscape);
}

function goEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Go sorts map keys by their UTF-8 bytes (compareKeys); plain UTF-16 order differs from it only past U+FFFF. */
function sortedKeys(object: JsonObject): string[] {
  const keys = Object.keys(object).sort();
  if (keys.some((key) => SURROGATE.test(key))) keys.sort(compareKeys);
  return keys;
}
