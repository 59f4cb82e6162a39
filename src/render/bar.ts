/** Inline bars for table rows: a share drawn in block characters, to the eighth of a cell. */

const FULL = '█';
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** `fraction` (0..1) of `width` cells, padded with spaces to `width` so what follows lines up. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  const drawn = FULL.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] as string);
  return drawn + ' '.repeat(width - Math.ceil(eighths / 8));
}

/** `12.3%` */
export function percent(part: number, whole: number): string {
  return `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)}%`;
}
