import type { PackageSchema } from './types.js';
import { schema as rbacV1 } from './rbac-v1.js';

/** rbac/v1beta1 has the Go types of rbac/v1 field for field (v1alpha1 differs: Subject.apiVersion, PolicyRule numbering). */
export const schema: PackageSchema = {
  ...rbacV1,
  proto: 'k8s.io.api.rbac.v1beta1',
  groupVersion: 'rbac.authorization.k8s.io/v1beta1',
};
