import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.policy.v1beta1',
  groupVersion: 'policy/v1beta1',
  imports: {},
  messages: {},
};
