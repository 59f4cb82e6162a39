/**
 * resource.Quantity: parse a quantity and print it in Kubernetes' canonical form, which is what the API server
 * stores and serves (`1.5Gi` -> `1536Mi`, `1000m` -> `1`, `0.5` -> `500m`, `1e3` -> `1e3`).
 */

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const decimalSuffixes: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const decimalByExponent = new Map(Object.entries(decimalSuffixes).map(([suffix, exponent]) => [exponent, suffix]));
const binaryByPower = new Map(Object.entries(binarySuffixes).map(([suffix, power]) => [power, suffix]));

/** An exact value `mantissa * 10^exponent` and the format its suffix asked for. */
interface ParsedQuantity {
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly format: Format;
}

const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

export function parseQuantity(text: string): ParsedQuantity {
  const match = quantityPattern.exec(text.trim());
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match ?? [];
  if (match === null || (whole === '' && fraction === '')) throw new Error(`'${text}' is not a quantity (examples: 100m, 1.5Gi, 2k, 1e3)`);
  let mantissa = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  let format: Format;
  if (suffix in decimalSuffixes) {
    format = 'DecimalSI';
    exponent += decimalSuffixes[suffix] ?? 0;
  } else if (suffix in binarySuffixes) {
    format = 'BinarySI';
    mantissa *= 1024n ** BigInt(binarySuffixes[suffix] ?? 0);
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent += Number(suffix.slice(1));
  } else {
    throw new Error(`'${text}' is not a quantity: unknown suffix '${suffix}'`);
  }
  if (sign === '-') mantissa = -mantissa;
  // Quantities keep nano precision; finer values round up, away from zero.
  if (exponent < -9) {
    const divisor = 10n ** BigInt(-9 - exponent);
    const rounded = mantissa / divisor;
    mantissa = mantissa % divisor === 0n ? rounded : rounded + (mantissa < 0n ? -1n : 1n);
    exponent = -9;
  }
  return { mantissa, exponent, format };
}

function stripTens(mantissa: bigint, exponent: number): [bigint, number] {
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  return [mantissa, exponent];
}

function formatDecimal(mantissa: bigint, exponent: number, format: Format): string {
  let [m, e] = stripTens(mantissa, exponent);
  const remainder = ((e % 3) + 3) % 3;
  m *= 10n ** BigInt(remainder);
  e -= remainder;
  if (format === 'DecimalExponent') return e === 0 ? String(m) : `${m}e${e}`;
  if (e > 18) {
    m *= 10n ** BigInt(e - 18);
    e = 18;
  }
  return `${m}${decimalByExponent.get(e) ?? ''}`;
}

/** The canonical text of a quantity, as resource.Quantity.String() prints it. */
export function canonicalQuantity(text: string): string {
  const { mantissa, exponent, format } = parseQuantity(text);
  if (mantissa === 0n) return '0';
  if (format === 'BinarySI') {
    const abs = mantissa < 0n ? -mantissa : mantissa;
    const isInteger = exponent >= 0 || mantissa % 10n ** BigInt(-exponent) === 0n;
    const integer = exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa / 10n ** BigInt(-exponent);
    if (isInteger && !(exponent <= 0 && abs < 1024n * 10n ** BigInt(-exponent))) {
      let value = integer;
      let power = 0;
      while (power < 6 && value % 1024n === 0n) {
        value /= 1024n;
        power += 1;
      }
      return `${value}${binaryByPower.get(power) ?? ''}`;
    }
    return formatDecimal(mantissa, exponent, 'DecimalSI');
  }
  return formatDecimal(mantissa, exponent, format);
}
