import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1',
  groupVersion: 'admissionregistration.k8s.io/v1',
  imports: {},
  messages: {},
};
