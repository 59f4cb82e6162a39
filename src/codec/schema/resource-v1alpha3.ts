import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.resource.v1alpha3',
  groupVersion: 'resource.k8s.io/v1alpha3',
  imports: {},
  messages: {},
};
