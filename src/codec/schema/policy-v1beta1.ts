import type { PackageSchema } from './types.js';
import { schema as policyV1 } from './policy-v1.js';

/** policy/v1beta1 keeps the Go types of policy/v1 field for field (PodSecurityPolicy left the API in 1.25). */
export const schema: PackageSchema = {
  ...policyV1,
  proto: 'k8s.io.api.policy.v1beta1',
  groupVersion: 'policy/v1beta1',
};
