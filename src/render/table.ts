/**
 * Tables as kubectl prints them (its tabwriter: every column but the last padded to its widest cell plus three
 * spaces, at least six, widths remembered from one chunk of rows to the next), aligned on display width so wide
 * characters line up. Rows come in chunks so a table of any length is printed without holding it.
 */
import { textWidth } from './text-width.js';

const PADDING = 3;
const MIN_WIDTH = 6;

export class AlignedTable {
  private readonly widths: number[] = [];
  private pending: string[][];

  constructor(header: readonly string[]) {
    this.pending = [[...header]];
  }

  add(cells: readonly string[]): void {
    this.pending.push(cells.map(printableCell));
  }

  /** The rows added since the last call, as lines; columns only ever widen, so lines already printed stay aligned. */
  take(): string {
    const rows = this.pending;
    this.pending = [];
    const cellWidths = rows.map((row) => row.map(textWidth));
    for (const widths of cellWidths) {
      for (let i = 0; i < widths.length - 1; i++) {
        this.widths[i] = Math.max(this.widths[i] ?? MIN_WIDTH, (widths[i] as number) + PADDING);
      }
    }
    let out = '';
    rows.forEach((row, r) => {
      const widths = cellWidths[r] as number[];
      row.forEach((cell, i) => {
        out += i === row.length - 1 ? cell : cell + ' '.repeat((this.widths[i] as number) - (widths[i] as number));
      });
      out += '\n';
    });
    return out;
  }
}

// C0 and C1 controls, DEL, and the line and paragraph separators would break a table's lines.
const UNPRINTABLE = /[\p{Cc}\u2028\u2029]/gu;

function escapeUnprintable(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}

/** A cell's text with control characters spelled as escapes, so a key with a line feed stays on its line. */
export function printableCell(text: string): string {
  return text.replace(UNPRINTABLE, escapeUnprintable);
}
