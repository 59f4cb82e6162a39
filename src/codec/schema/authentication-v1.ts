import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authentication.v1',
  groupVersion: 'authentication.k8s.io/v1',
  imports: {},
  messages: {},
};
