import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.node.v1',
  groupVersion: 'node.k8s.io/v1',
  imports: {},
  messages: {},
};
