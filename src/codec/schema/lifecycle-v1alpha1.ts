import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.lifecycle.v1alpha1',
  groupVersion: 'lifecycle.k8s.io/v1alpha1',
  imports: {},
  messages: {},
};
