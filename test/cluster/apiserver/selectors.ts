/** Label and field selectors with the real API server's grammar and matching rules. */

export type Labels = Record<string, string> | undefined;

interface LabelRequirement {
  key: string;
  operator: 'exists' | 'notexists' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

export type LabelSelector = (labels: Labels) => boolean;

export class SelectorError extends Error {}

/** Splits on commas that are not inside a `(...)` value set. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

const SET_REQUIREMENT = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/;
const COMPARISON = /^([^!=<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/;

function parseRequirement(text: string): LabelRequirement {
  if (/^![^\s!=]+$/.test(text)) return { key: text.slice(1), operator: 'notexists', values: [] };
  if (/^[^\s!=<>(),]+$/.test(text)) return { key: text, operator: 'exists', values: [] };
  const set = SET_REQUIREMENT.exec(text);
  if (set) {
    const values = (set[3] ?? '').split(',').map((value) => value.trim());
    return { key: set[1] ?? '', operator: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const [, key = '', op, value = ''] = comparison;
    if (op === '>' || op === '<') {
      if (!/^-?\d+$/.test(value)) throw new SelectorError(`unable to parse requirement: for 'gt', 'lt' operators, the value must be an integer`);
      return { key, operator: op === '>' ? 'gt' : 'lt', values: [value] };
    }
    return { key, operator: op === '!=' ? 'notin' : 'in', values: [value] };
  }
  throw new SelectorError(`unable to parse requirement: found '${text}', expected: key and operator`);
}

function satisfies(requirement: LabelRequirement, labels: Labels): boolean {
  const value = labels?.[requirement.key];
  switch (requirement.operator) {
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

export function parseLabelSelector(text: string | null): LabelSelector {
  if (!text || text.trim() === '') return () => true;
  const requirements = splitTopLevel(text).map(parseRequirement);
  return (labels) => requirements.every((requirement) => satisfies(requirement, labels));
}

interface FieldRequirement {
  field: string;
  value: string;
  equal: boolean;
}

export type FieldSelector = (fields: Record<string, string>) => boolean;

function unescapeFieldValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

function parseFieldRequirement(text: string, supported: readonly string[]): FieldRequirement {
  const match = /^([^!=]+?)(==|!=|=)(.*)$/.exec(text);
  if (!match) throw new SelectorError(`invalid selector: '${text}'; can't understand '${text}'`);
  const [, field = '', op, value = ''] = match;
  if (!supported.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
  return { field, value: unescapeFieldValue(value), equal: op !== '!=' };
}

/** `supported` lists the field labels the resource allows (pods: metadata.name, spec.nodeName, status.phase, ...). */
export function parseFieldSelector(text: string | null, supported: readonly string[]): FieldSelector {
  if (!text || text.trim() === '') return () => true;
  const requirements = text
    .split(/(?<!\\),/)
    .filter((part) => part !== '')
    .map((part) => parseFieldRequirement(part, supported));
  return (fields) => requirements.every(({ field, value, equal }) => (fields[field] === value) === equal);
}
