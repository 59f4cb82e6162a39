import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apiserverinternal.v1alpha1',
  groupVersion: 'internal.apiserver.k8s.io/v1alpha1',
  imports: {},
  messages: {},
};
