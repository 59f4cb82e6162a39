/**
 * Word wrap to a column width, breaking over-long words (`hard`). Stands in for wrap-ansi in yargs' help layout
 * (see scripts/build.mjs): help text has no colour codes, and wrap-ansi's per-character escape scanning was the
 * larger part of printing help.
 */
import { textWidth } from './text-width.js';

function wrapLine(line: string, columns: number, hard: boolean): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (textWidth(candidate) <= columns || current === '' && !hard) {
      current = candidate;
      continue;
    }
    if (current !== '') out.push(current);
    current = word;
    while (hard && textWidth(current) > columns) {
      out.push(current.slice(0, columns));
      current = current.slice(columns);
    }
  }
  out.push(current);
  return out;
}

export default function wrapText(text: string, columns: number, options: { hard?: boolean } = {}): string {
  if (columns <= 0) return text;
  return text.split('\n').map((line) => wrapLine(line, columns, options.hard === true).join('\n')).join('\n');
}
