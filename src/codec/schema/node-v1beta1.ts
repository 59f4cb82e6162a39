import type { PackageSchema } from './types.js';
import { schema as nodeV1 } from './node-v1.js';

/** node/v1beta1 has the Go types of node/v1 field for field. */
export const schema: PackageSchema = {
  ...nodeV1,
  proto: 'k8s.io.api.node.v1beta1',
  groupVersion: 'node.k8s.io/v1beta1',
};
