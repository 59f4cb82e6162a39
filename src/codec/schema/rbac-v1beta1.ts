import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.rbac.v1beta1',
  groupVersion: 'rbac.authorization.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
