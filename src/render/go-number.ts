/**
 * Number text as Go prints it on kubectl's output path. Facts from Go's encoding/json (float encoder) and
 * strconv.FormatFloat, and go-yaml v2 (resolve.go, encode.go floatv).
 */

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * encoding/json's text for a float64: shortest round-trip digits, fixed notation for 1e-6 <= |n| < 1e21 and
 * exponent form (`1e+21`, `1e-7`) outside it. That is exactly ECMAScript's Number-to-String, which also prints
 * -0 as `0`, as kubectl does (it reads numbers back as int64 first).
 */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`JSON cannot represent ${n}`);
  return String(n);
}

/** strconv.FormatFloat(n, 'g', -1, 64): exponent form when the decimal exponent is < -4 or >= 6 (`1e+06`). */
export function goFormatFloatG(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const exponential = n.toExponential();
  const e = exponential.indexOf('e');
  const exponent = Number(exponential.slice(e + 1));
  if (exponent >= -4 && exponent < 6) return String(n);
  const sign = exponent < 0 ? '-' : '+';
  const digits = Math.abs(exponent);
  return `${exponential.slice(0, e)}e${sign}${digits < 10 ? '0' : ''}${digits}`;
}

/**
 * What `kubectl get -o yaml` prints for a number: JSON text re-read by go-yaml, which keeps integer text that fits
 * int64 or uint64 and turns everything else into a float printed with FormatFloat 'g'. NaN and infinities, which
 * JSON cannot carry, print as go-yaml prints those floats.
 */
export function goYamlNumber(n: number): string {
  const text = String(n);
  if (Number.isSafeInteger(n)) return text;
  // The text, not the exact double, is what go-yaml parses: -2^63 prints as -9223372036854776000, beyond int64.
  if (Number.isInteger(n) && Math.abs(n) < 1e21 && fitsGoInteger(BigInt(text))) return text;
  return goFormatFloatG(n);
}

/** A bigint prints as its digits where go-yaml reads them as an integer (int64 or uint64), else as a float. */
export function goYamlBigInt(n: bigint): string {
  return fitsGoInteger(n) ? n.toString() : goFormatFloatG(Number(n));
}

function fitsGoInteger(n: bigint): boolean {
  return n >= INT64_MIN && n <= UINT64_MAX;
}
