/**
 * Objects with their keys in the order kubectl prints them: Go sorts map keys by their UTF-8 bytes, which is code
 * point order. The decoder builds objects in that order so printers need not sort. (JavaScript keeps insertion
 * order, except for array-index keys such as "0" or "12", which it always lists first in numeric order; printers
 * check the order they find and sort whatever is not in it.)
 */
import type { JsonObject, JsonValue } from './value.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code point order; UTF-16 order (what `<` compares) differs from it only past U+FFFF. */
export function compareKeys(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) {
    const left = Array.from(a, (c) => c.codePointAt(0) as number);
    const right = Array.from(b, (c) => c.codePointAt(0) as number);
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (left[i] !== right[i]) return (left[i] as number) - (right[i] as number);
    }
    return left.length - right.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the object's own keys come in kubectl's order. */
export function hasKeysInOrder(object: JsonObject): boolean {
  let previous: string | undefined;
  for (const key in object) {
    if (previous !== undefined && compareKeys(previous, key) >= 0) return false;
    previous = key;
  }
  return true;
}

/** The object itself when its keys are in kubectl's order; otherwise a copy built in that order. */
export function inKeyOrder(object: JsonObject): JsonObject {
  if (hasKeysInOrder(object)) return object;
  const ordered: JsonObject = {};
  for (const key of Object.keys(object).sort(compareKeys)) ordered[key] = object[key] as JsonValue;
  return ordered;
}

/** inKeyOrder all the way down (for values parsed from JSON or CBOR, whose keys come in their writer's order). */
export function deepInKeyOrder(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = deepInKeyOrder(value[i] as JsonValue);
    return value;
  }
  for (const key in value) value[key] = deepInKeyOrder(value[key] as JsonValue);
  return inKeyOrder(value);
}
