import type { PackageSchema } from './types.js';
import { schema as coordinationV1 } from './coordination-v1.js';
import { schema as coordinationV1alpha2 } from './coordination-v1alpha2.js';

/** coordination/v1beta1 has Lease as in v1 and LeaseCandidate as in v1alpha2, field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.coordination.v1beta1',
  groupVersion: 'coordination.k8s.io/v1beta1',
  imports: coordinationV1.imports,
  messages: { ...coordinationV1.messages, ...coordinationV1alpha2.messages },
};
