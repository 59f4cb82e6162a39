import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1alpha1',
  groupVersion: 'admissionregistration.k8s.io/v1alpha1',
  imports: {},
  messages: {},
};
