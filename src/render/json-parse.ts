/**
 * JSON text to the object model, keeping integers beyond 2^53 exact as bigint (etcd IDs, int64 fields), where
 * JSON.parse would round them. Integers within 2^53 and all non-integers stay numbers.
 */
import type { JsonValue } from '../codec/value.js';

/** An integer needs 16 digits before it can pass Number.MAX_SAFE_INTEGER (9007199254740991). */
const LONG_DIGIT_RUN = /\d{16}/;

export function parseJsonExact(text: string): JsonValue {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text) as JsonValue;
  return JSON.parse(text, keepLargeIntegers) as JsonValue;
}

/** JSON.parse source text access (Node >= 21) hands the reviver each number's literal text. */
function keepLargeIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  if (source === undefined) throw new Error('JSON.parse does not give the source text of numbers (Node >= 21 does)');
  return /[.eE]/.test(source) ? value : BigInt(source);
}
