import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authorization.v1',
  groupVersion: 'authorization.k8s.io/v1',
  imports: {},
  messages: {},
};
