/**
 * Stands in for node:assert in the bundles (an esbuild alias): yargs imports it for two internal checks, and loading
 * Node's assert module costs a few milliseconds of every start.
 */
export function strictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual !== expected) throw new Error(message ?? `expected ${String(expected)}, got ${String(actual)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (actual === expected) throw new Error(message ?? `expected anything but ${String(expected)}`);
}
