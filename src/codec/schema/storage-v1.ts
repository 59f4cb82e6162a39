import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.storage.v1',
  groupVersion: 'storage.k8s.io/v1',
  imports: {},
  messages: {},
};
