import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.resource.v1beta1',
  groupVersion: 'resource.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
