import type { PackageSchema } from './types.js';
import { schema as storageV1 } from './storage-v1.js';

/** storage/v1beta1 has the Go types of storage/v1 field for field. */
export const schema: PackageSchema = {
  ...storageV1,
  proto: 'k8s.io.api.storage.v1beta1',
  groupVersion: 'storage.k8s.io/v1beta1',
};
