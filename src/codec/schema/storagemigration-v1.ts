import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.storagemigration.v1',
  groupVersion: 'storagemigration.k8s.io/v1',
  imports: {},
  messages: {},
};
