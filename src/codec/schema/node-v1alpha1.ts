import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.node.v1alpha1',
  groupVersion: 'node.k8s.io/v1alpha1',
  imports: {},
  messages: {},
};
