import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.coordination.v1',
  groupVersion: 'coordination.k8s.io/v1',
  imports: {},
  messages: {},
};
