import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.policy.v1',
  groupVersion: 'policy/v1',
  imports: {},
  messages: {},
};
