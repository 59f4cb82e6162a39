import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.imagepolicy.v1alpha1',
  groupVersion: 'imagepolicy.k8s.io/v1alpha1',
  imports: {},
  messages: {},
};
