/** metav1.Duration's JSON form is Go's time.Duration.String(), e.g. `1h2m3.5s`, `250ms`, `0s`. */

const units: ReadonlyArray<readonly [string, bigint]> = [
  ['ns', 1n], ['us', 1000n], ['µs', 1000n], ['μs', 1000n], ['ms', 1_000_000n], ['s', 1_000_000_000n],
  ['m', 60_000_000_000n], ['h', 3_600_000_000_000n],
];

function fractionDigits(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

export function formatDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const negative = nanoseconds < 0n;
  const abs = negative ? -nanoseconds : nanoseconds;
  let text: string;
  if (abs < 1000n) text = `${abs}ns`;
  else if (abs < 1_000_000n) text = `${fractionDigits(abs, 1000n)}µs`;
  else if (abs < 1_000_000_000n) text = `${fractionDigits(abs, 1_000_000n)}ms`;
  else {
    const hours = abs / 3_600_000_000_000n;
    const minutes = (abs / 60_000_000_000n) % 60n;
    const seconds = fractionDigits(abs % 60_000_000_000n, 1_000_000_000n);
    text = hours > 0n ? `${hours}h${minutes}m${seconds}s` : minutes > 0n ? `${minutes}m${seconds}s` : `${seconds}s`;
  }
  return negative ? `-${text}` : text;
}

export function parseDuration(text: string): bigint {
  const fail = (): never => {
    throw new Error(`'${text}' is not a duration (examples: 30s, 1m30s, 250ms, 2h)`);
  };
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') fail();
  let total = 0n;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/.exec(rest);
    if (match === null || (match[1] === '' && (match[2] ?? '') === '')) return fail();
    const unit = units.find(([name]) => name === match[3])?.[1] ?? fail();
    const fraction = match[2] ?? '';
    const scale = 10n ** BigInt(fraction.length);
    total += (BigInt(match[1] || '0') * scale + BigInt(fraction || '0')) * unit / scale;
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}
