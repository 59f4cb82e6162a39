const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Go strings hold UTF-8, where a lone UTF-16 surrogate cannot exist: Go's JSON decoder turns `\ud800` into
 * U+FFFD. Printing what kubectl prints means doing the same.
 */
export function wellFormed(s: string): string {
  return SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s;
}
