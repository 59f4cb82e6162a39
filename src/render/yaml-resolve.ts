/**
 * Whether go-yaml v2 would read a string back as a string if it were printed unquoted: its encoder quotes every
 * string that would resolve to a bool, null, int, float or timestamp, and base-60 numbers. Facts from
 * go-yaml v2 resolve.go (resolve, parseTimestamp) and encode.go (stringv, isBase60Float), Go's strconv and time.
 */

/** The YAML 1.1 words go-yaml resolves by table. */
const RESOLVED_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const LONGEST_WORD = 5;
/** First characters for which go-yaml looks further (resolve.go's resolveTable): all others make a string. */
const HINTS = new Uint8Array(128);
for (const c of 'yYnNtTfFoO~+-.0123456789') HINTS[c.charCodeAt(0)] = 1;

/** True when `s` may be printed as a plain scalar as far as its meaning goes (the emitter has its own rules). */
export function isPlainString(s: string): boolean {
  if (s.length === 0) return false; // resolves to null
  const c = s.charCodeAt(0);
  if (c >= 0x80 || HINTS[c] === 0) return true;
  if (s.length <= LONGEST_WORD && RESOLVED_WORDS.has(s)) return false;
  if (c >= 0x30 && c <= 0x39) return !resolvesToNumberOrTime(s, true) && !isBase60Float(s);
  if (c === 0x2b || c === 0x2d) return !resolvesToNumberOrTime(s, false) && !isBase60Float(s);
  if (c === 0x2e) return !isDotFloat(s);
  return true;
}

/** `.5`, `.5e3`: what strconv.ParseFloat accepts after a leading dot, short of overflowing to infinity. */
function isDotFloat(s: string): boolean {
  let i = 1;
  const digitsStart = i;
  while (i < s.length && isAsciiDigit(s.charCodeAt(i))) i++;
  if (i === digitsStart) return false;
  if (i < s.length && !isExponent(s, i)) return false;
  return Number.isFinite(Number(s));
}

function isExponent(s: string, i: number): boolean {
  const e = s.charCodeAt(i);
  if (e !== 0x65 && e !== 0x45) return false;
  let j = i + 1;
  const sign = s.charCodeAt(j);
  if (sign === 0x2b || sign === 0x2d) j++;
  const digitsStart = j;
  while (j < s.length && isAsciiDigit(s.charCodeAt(j))) j++;
  return j > digitsStart && j === s.length;
}

/** go-yaml's order for text starting with a digit or sign: timestamp, int64, uint64, float, binary. */
function resolvesToNumberOrTime(s: string, startsWithDigit: boolean): boolean {
  if (startsWithDigit && isTimestamp(s)) return true;
  const plain = s.includes('_') ? s.replaceAll('_', '') : s;
  if (fitsGoInt(plain, 0, true) || fitsGoInt(plain, 0, false)) return true;
  if (isYamlStyleFloat(plain) && Number.isFinite(Number(plain))) return true;
  // Integers past 64 bits in hex, octal or binary resolve to nothing and print plain, as in go-yaml v2.
  if (plain.startsWith('0b')) return fitsGoInt(plain.slice(2), 2, true) || fitsGoInt(plain.slice(2), 2, false);
  if (plain.startsWith('-0b')) return fitsGoInt(`-${plain.slice(3)}`, 2, true);
  return false;
}

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN_MAGNITUDE = 2n ** 63n;

/**
 * Whether strconv.ParseInt (signed) or ParseUint(s, base, 64) succeeds. Base 0 reads the prefixes 0x, 0o, 0b and
 * a bare leading 0 as octal; only ParseInt takes a sign.
 */
function fitsGoInt(s: string, base: number, signed: boolean): boolean {
  let negative = false;
  let digits = s;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    negative = s[0] === '-';
    digits = s.slice(1);
  }
  if (digits.length === 0) return false;
  let radix = base;
  if (base === 0) [radix, digits] = splitGoPrefix(digits);
  // Exact in a double up to 2^48 * radix; BigInt takes over beyond.
  let value: number | bigint = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digitValue(digits.charCodeAt(i));
    if (d >= radix) return false;
    if (typeof value === 'number' && value < 2 ** 48) value = value * radix + d;
    else value = BigInt(value) * BigInt(radix) + BigInt(d);
  }
  return BigInt(value) <= (signed ? (negative ? INT64_MIN_MAGNITUDE : INT64_MAX) : UINT64_MAX);
}

function splitGoPrefix(s: string): [number, string] {
  if (s[0] !== '0') return [10, s];
  if (s.length >= 3) {
    const p = s[1]?.toLowerCase();
    if (p === 'b') return [2, s.slice(2)];
    if (p === 'o') return [8, s.slice(2)];
    if (p === 'x') return [16, s.slice(2)];
  }
  return [8, s.slice(1)];
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 99;
}

/** go-yaml's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, as one scan. */
function isYamlStyleFloat(s: string): boolean {
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  const intStart = i;
  while (i < s.length && isAsciiDigit(s.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (s[i] === '.') {
    i++;
    const fracStart = i;
    while (i < s.length && isAsciiDigit(s.charCodeAt(i))) i++;
    if (intDigits === 0 && i === fracStart) return false;
  } else if (intDigits === 0) {
    return false;
  }
  return i === s.length || isExponent(s, i);
}

/** go-yaml's base-60 pattern `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`, as one scan. */
function isBase60Float(s: string): boolean {
  if (!s.includes(':')) return false;
  let i = s[0] === '+' || s[0] === '-' ? 1 : 0;
  if (!isAsciiDigit(s.charCodeAt(i))) return false;
  i++;
  while (i < s.length && (isAsciiDigit(s.charCodeAt(i)) || s[i] === '_')) i++;
  let groups = 0;
  while (s[i] === ':') {
    const start = i + 1;
    let end = start;
    while (end < s.length && end - start < 2 && isAsciiDigit(s.charCodeAt(end))) end++;
    const length = end - start;
    if (length === 0 || (length === 2 && s.charCodeAt(start) > 0x35)) return false;
    i = end;
    groups++;
  }
  if (groups === 0) return false;
  if (s[i] === '.') {
    i++;
    while (i < s.length && (isAsciiDigit(s.charCodeAt(i)) || s[i] === '_')) i++;
  }
  return i === s.length;
}

/**
 * go-yaml tries time.Parse with "2006-1-2T15:4:5.999999999Z07:00", the same with a lower-case t,
 * "2006-1-2 15:4:5.999999999" and "2006-1-2" (after checking for four digits and a dash).
 */
function isTimestamp(s: string): boolean {
  if (s.length < 8 || s[4] !== '-') return false;
  for (let i = 0; i < 4; i++) if (!isAsciiDigit(s.charCodeAt(i))) return false;
  const cursor = { s, i: 5 };
  const month = readOneOrTwoDigits(cursor);
  if (month < 1 || month > 12 || s[cursor.i++] !== '-') return false;
  const day = readOneOrTwoDigits(cursor);
  if (day < 1 || day > daysIn(month, Number(s.slice(0, 4)))) return false;
  if (cursor.i === s.length) return true;
  const separator = s[cursor.i++];
  if (separator !== 'T' && separator !== 't' && separator !== ' ') return false;
  const hour = readOneOrTwoDigits(cursor);
  if (hour < 0 || hour > 23 || s[cursor.i++] !== ':') return false;
  const minute = readOneOrTwoDigits(cursor);
  if (minute < 0 || minute > 59 || s[cursor.i++] !== ':') return false;
  const second = readOneOrTwoDigits(cursor);
  if (second < 0 || second > 59) return false;
  if ((s[cursor.i] === '.' || s[cursor.i] === ',') && isAsciiDigit(s.charCodeAt(cursor.i + 1))) {
    cursor.i += 2;
    while (isAsciiDigit(s.charCodeAt(cursor.i))) cursor.i++;
  }
  if (separator === ' ') return cursor.i === s.length;
  return isZone(s.slice(cursor.i));
}

/** Layout element Z07:00: `Z`, or a sign and hh:mm (Go refuses hours over 24 and minutes over 60). */
function isZone(zone: string): boolean {
  if (zone === 'Z') return true;
  if (zone.length !== 6 || (zone[0] !== '+' && zone[0] !== '-') || zone[3] !== ':') return false;
  const hh = zone.slice(1, 3);
  const mm = zone.slice(4, 6);
  if (!/^\d\d$/.test(hh) || !/^\d\d$/.test(mm)) return false;
  return Number(hh) <= 24 && Number(mm) <= 60;
}

/** Go's getnum without the fixed flag: one digit, or two when two are there; -1 when none. */
function readOneOrTwoDigits(cursor: { s: string; i: number }): number {
  const { s } = cursor;
  if (!isAsciiDigit(s.charCodeAt(cursor.i))) return -1;
  let value = s.charCodeAt(cursor.i++) - 0x30;
  if (isAsciiDigit(s.charCodeAt(cursor.i))) value = value * 10 + s.charCodeAt(cursor.i++) - 0x30;
  return value;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
