import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.certificates.v1',
  groupVersion: 'certificates.k8s.io/v1',
  imports: {},
  messages: {},
};
