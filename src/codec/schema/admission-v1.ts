import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admission.v1',
  groupVersion: 'admission.k8s.io/v1',
  imports: {},
  messages: {},
};
