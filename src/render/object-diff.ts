/** What changed between two versions of a stored object: a unified diff of their YAML, as kubectl prints it. */
import type { JsonObject } from '../codec/value.js';
import { unifiedDiff } from './unified-diff.js';
import { toKubectlYaml } from './yaml.js';

export interface ObjectVersion {
  /** Undefined where the key did not exist: the diff shows every line as added or removed. */
  readonly object: JsonObject | undefined;
  /** `/registry/deployments/shop/web@1234` */
  readonly label: string;
}

export function objectDiff(before: ObjectVersion, after: ObjectVersion): string {
  const text = (object: JsonObject | undefined) => (object === undefined ? '' : toKubectlYaml(object));
  return unifiedDiff(text(before.object), text(after.object), { before: before.label, after: after.label });
}

/** The label of a key at a revision. */
export function versionLabel(key: string, revision: number, note?: string): string {
  return `${key}@${revision}${note === undefined ? '' : ` (${note})`}`;
}
