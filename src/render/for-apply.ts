/**
 * An object as `kubectl apply -f -` should receive it when recovering it from a backup: without what the API server
 * sets on its own (identity, version, timestamps, field ownership, deletion marks) and without the status that
 * controllers write for built-in kinds. A custom resource keeps its status: whether the API server owns it depends
 * on its CRD's status subresource, and `apply` ignores it where it does.
 */
import { isJsonObject, type JsonObject } from '../codec/value.js';

/** metadata fields the API server assigns; an apply carrying them fails or is refused. */
export const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

export interface ForApplyOptions {
  /** A built-in kind, whose status is written by controllers. */
  readonly builtIn: boolean;
}

export function forApply(object: JsonObject, options: ForApplyOptions): JsonObject {
  const { metadata, ...kept } = object;
  if (options.builtIn) delete kept['status'];
  if (!isJsonObject(metadata)) return metadata === undefined ? kept : { ...kept, metadata };
  const cleaned: JsonObject = { ...metadata };
  for (const field of SERVER_SET_METADATA) delete cleaned[field];
  return { ...kept, metadata: cleaned };
}

/** Owner references name owners by uid, which a re-created owner does not keep: the garbage collector may act on them. */
export function hasOwnerReferences(object: JsonObject): boolean {
  const metadata = object['metadata'];
  return isJsonObject(metadata) && Array.isArray(metadata['ownerReferences']) && metadata['ownerReferences'].length > 0;
}
