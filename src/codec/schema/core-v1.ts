import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.core.v1',
  groupVersion: 'v1',
  imports: {},
  messages: {},
};
