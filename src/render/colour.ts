/**
 * Colour for diffs: only on a terminal, never when NO_COLOR is set to anything (no-color.org), and as the user
 * asks with --color.
 */

export const colourModes = ['auto', 'always', 'never'] as const;
export type ColourMode = (typeof colourModes)[number];

export function useColour(mode: ColourMode, stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (mode !== 'auto') return mode === 'always';
  const noColour = env['NO_COLOR'];
  return stream.isTTY === true && (noColour === undefined || noColour === '');
}

const RESET = '\x1b[0m';
const STYLES = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m' } as const;

function paint(style: keyof typeof STYLES, line: string): string {
  return `${STYLES[style]}${line}${RESET}`;
}

/** A unified diff with its labels bold, hunk headers cyan, removed lines red and added lines green. */
export function colourDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return paint('bold', line);
      if (line.startsWith('@@')) return paint('cyan', line);
      if (line.startsWith('-')) return paint('red', line);
      if (line.startsWith('+')) return paint('green', line);
      return line;
    })
    .join('\n');
}
