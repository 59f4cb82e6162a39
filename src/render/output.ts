/** Object output formats shared by the commands that print decoded objects. */
import type { JsonValue } from '../codec/value.js';
import { toKubectlJson } from './json.js';
import { toKubectlYaml } from './yaml.js';

export const objectFormats = ['yaml', 'json'] as const;
export type ObjectFormat = (typeof objectFormats)[number];

export function formatObject(value: JsonValue, format: ObjectFormat): string {
  return format === 'json' ? toKubectlJson(value) : toKubectlYaml(value);
}
