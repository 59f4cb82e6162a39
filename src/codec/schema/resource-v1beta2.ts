import type { PackageSchema } from './types.js';
import { schema as resourceV1 } from './resource-v1.js';

/** resource/v1beta2 has the Go types of resource/v1 field for field (v1 was copied from it). */
export const schema: PackageSchema = {
  ...resourceV1,
  proto: 'k8s.io.api.resource.v1beta2',
  groupVersion: 'resource.k8s.io/v1beta2',
};
