import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authorization.v1beta1',
  groupVersion: 'authorization.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
