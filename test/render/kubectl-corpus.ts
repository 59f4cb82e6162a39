/**
 * Values that stress kubectl's printers: every quoting, escaping, folding and block rule, generated from fixed
 * seeds so the corpus is the same on every run.
 */
import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../src/codec/value.js';
import { compareYamlKeys } from '../../src/render/yaml-key-order.js';

/**
 * Characters that change how go-yaml prints a string. Left out: U+007F-U+009F but U+0085, U+FFFE and U+FFFF,
 * which make kubectl fail ("control characters are not allowed").
 */
const INTERESTING = [' ', ' ', ' ', 'a', 'b', 'x', 'Z', 'T', 'y', 'n', 'e', '0', '1', '9', '.', '_', '+', '-', ':',
  '#', '?', ',', '[', '{', '|', '>', '!', '&', '*', '%', '@', '`', '~', "'", '"', '\\', '\n', '\r', '\t', '\u0000',
  '\u001b', '\u00a0', 'é', 'ß', '中', '\u0085', '\u2028', '\u2029', '\uFEFF', '😀'];

const character = fc.constantFrom(...INTERESTING);
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 1, maxLength: 12 });

/** Short strings, long ones that must fold, and long runs of words with the odd special character. */
const edgeString = fc.oneof(
  fc.string({ unit: character, maxLength: 12 }),
  fc.string({ unit: character, minLength: 60, maxLength: 260 }),
  fc
    .array(fc.oneof(word, fc.string({ unit: character, maxLength: 3 })), { minLength: 10, maxLength: 40 })
    .map((words) => words.join(' ')),
);

/** As keys, U+0085 would split the JSON key over two lines, which go-yaml's reader refuses. */
const edgeKey = fc.string({ unit: fc.constantFrom(...INTERESTING.filter((c) => c !== '\u0085')), maxLength: 140 });

const edgeNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.integer(),
);

/**
 * go-yaml's key order is not transitive for some keys (9 < 11x < 1T < 9), and Go's random map order then makes
 * kubectl's output vary from run to run. Keep a set of keys on which the order is total, so any sort agrees.
 */
function totallyOrdered(keys: string[]): string[] {
  const kept: string[] = [];
  for (const key of new Set(keys)) {
    const candidate = [...kept, key].sort(compareYamlKeys);
    const consistent = candidate.every((a, i) => candidate.slice(i + 1).every((b) => compareYamlKeys(a, b) < 0));
    if (consistent) kept.push(key);
  }
  return kept;
}

const LONG_KEY = 'k'.repeat(130);

/** `? key` entries (keys over 128 bytes or multi-line) holding every kind of value, and keys that fold. */
const COMPLEX_KEYS: JsonValue = {
  a: {
    [LONG_KEY]: { x: 1, y: [1, 2] },
    'm\nk': [1, [2, 3], { z: 'q\nr' }],
    [`${LONG_KEY}e`]: {},
    [`${LONG_KEY}s`]: [],
    [`${LONG_KEY}l`]: 'lit\nx\n',
  },
  b: [{ [LONG_KEY]: [{ a: 1 }] }, [[{ 'k\nk': { deep: ['x '.repeat(60)] } }]]],
  c: { ['long key with spaces '.repeat(8)]: 'v', ['q: '.repeat(50)]: 1 },
};

/** One object holding the corpus for `seed` in the places whose indentation differs. */
export function kubectlCorpus(seed: number): JsonObject {
  const strings = fc.sample(edgeString, { seed, numRuns: 300 });
  const keys = totallyOrdered(fc.sample(edgeKey, { seed: seed + 1, numRuns: 150 }));
  const numbers = fc.sample(edgeNumber, { seed: seed + 2, numRuns: 100 });
  const deep: JsonValue = { a: { b: { c: { d: strings.slice(0, 60) } } } };
  return {
    strings,
    keys: Object.fromEntries(keys.map((key, i) => [key, i])),
    numbers,
    deep,
    nested: strings.slice(0, 40).map((s) => [s, { k: s }]),
    complexKeys: COMPLEX_KEYS,
  };
}
