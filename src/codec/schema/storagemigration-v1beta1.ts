import type { PackageSchema } from './types.js';
import { schema as storagemigrationV1 } from './storagemigration-v1.js';

/** storagemigration/v1beta1 has the Go types of storagemigration/v1 field for field. */
export const schema: PackageSchema = {
  ...storagemigrationV1,
  proto: 'k8s.io.api.storagemigration.v1beta1',
  groupVersion: 'storagemigration.k8s.io/v1beta1',
};
