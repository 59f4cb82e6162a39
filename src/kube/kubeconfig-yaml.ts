/**
 * A quick reader for kubeconfig files in the plain block style kubectl, kubeadm and the cloud CLIs write: nested
 * `key: value` mappings, `- ` sequences (indented or not), plain and simply quoted scalars, `{}` and `[]`.
 * A cold start of the full YAML parser costs tens of milliseconds, most of the plugin's budget before its first
 * request. Anything outside that style (anchors, tags, block or escaped scalars, flow collections with content,
 * comments after values, tabs, several documents) makes it answer undefined, and the full parser reads the file.
 */

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

interface Line {
  readonly indent: number;
  /** The text after the indentation. */
  readonly text: string;
}

class OutsideSubset extends Error {}

const outside = (): never => {
  throw new OutsideSubset();
};

/** YAML 1.2 core schema resolution of a plain scalar, for the forms a kubeconfig holds; others are outside. */
function plainScalar(text: string): Value {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : outside();
  }
  // Other numbers, special floats and characters that start YAML syntax are left to the full parser.
  if (/^[-+]?(\.[0-9]|[0-9])|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^0[xo]/.test(text)) return outside();
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^[-?:][^\s]/.test(text)) return outside();
  if (/: |:$| #|\t/.test(text)) return outside();
  return text;
}

function scalar(text: string): Value {
  if (text === '{}') return {};
  if (text === '[]') return [];
  const quoted = /^"([^"\\]*)"$/.exec(text) ?? /^'([^']*)'$/.exec(text);
  if (quoted) return quoted[1] ?? '';
  return plainScalar(text);
}

/** `key: rest` or `key:`; the key a plain word as kubeconfig keys are. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  const match = /^([A-Za-z0-9_][A-Za-z0-9_./@-]*):(?: (.*))?$/.exec(text);
  if (!match) return undefined;
  return { key: match[1] ?? '', rest: (match[2] ?? '').trim() };
}

class Reader {
  private index = 0;

  constructor(private readonly lines: readonly Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.index];
  }

  done(): boolean {
    return this.index >= this.lines.length;
  }

  /** The block starting at the next line, which has exactly `indent`. */
  block(indent: number): Value {
    const line = this.peek();
    if (!line || line.indent !== indent) return outside();
    return line.text.startsWith('- ') || line.text === '-' ? this.sequence(indent) : this.mapping(indent, {});
  }

  private sequence(indent: number): Value[] {
    const items: Value[] = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text.startsWith('- ') || line.text === '-'); line = this.peek()) {
      this.index++;
      const rest = line.text.slice(2).trim();
      const entry = rest === '' ? undefined : splitKey(rest);
      if (rest === '') items.push(this.childOf(indent, false));
      else if (entry) {
        // `- key: value` opens a mapping whose other keys line up with `key`.
        const itemIndent = indent + line.text.indexOf(rest);
        items.push(this.mapping(itemIndent, { [entry.key]: this.valueOf(entry.rest, itemIndent) }));
      } else if (rest.startsWith('- ')) outside();
      else items.push(scalar(rest));
    }
    return items;
  }

  private mapping(indent: number, into: { [key: string]: Value }): { [key: string]: Value } {
    for (let line = this.peek(); line && line.indent === indent && !line.text.startsWith('- '); line = this.peek()) {
      this.index++;
      const entry = splitKey(line.text) ?? outside();
      if (Object.hasOwn(into, entry.key)) outside();
      into[entry.key] = this.valueOf(entry.rest, indent);
    }
    const next = this.peek();
    if (next && next.indent > indent) outside();
    return into;
  }

  /** A key's value: on its line, or the block below it (a sequence may sit at the key's own indentation). */
  private valueOf(rest: string, keyIndent: number): Value {
    return rest === '' ? this.childOf(keyIndent, true) : scalar(rest);
  }

  private childOf(parentIndent: number, sequenceMayAlign: boolean): Value {
    const next = this.peek();
    if (!next) return null;
    if (next.indent > parentIndent) return this.block(next.indent);
    if (sequenceMayAlign && next.indent === parentIndent && next.text.startsWith('- ')) return this.sequence(parentIndent);
    return null;
  }
}

function lines(text: string): Line[] {
  const result: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const trimmedEnd = raw.trimEnd();
    const body = trimmedEnd.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (raw.includes('\t')) outside();
    if (result.length === 0 && body === '---') continue;
    if (body === '---' || body === '...') outside();
    result.push({ indent: trimmedEnd.length - body.length, text: body });
  }
  return result;
}

/** The kubeconfig as an object, or undefined when the text needs the full YAML parser. */
export function readSimpleKubeconfig(text: string): Record<string, unknown> | undefined {
  try {
    const reader = new Reader(lines(text));
    if (reader.done()) return undefined;
    const value = reader.block(0);
    if (!reader.done() || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}
