import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1beta1',
  groupVersion: 'admissionregistration.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
