import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.discovery.v1',
  groupVersion: 'discovery.k8s.io/v1',
  imports: {},
  messages: {},
};
