/** The width yargs lays help out in: the terminal's, at most 120 columns; 100 when output is not a terminal. */
export function helpWidth(columns: number | undefined): number {
  return Math.min(120, columns || 100);
}
