import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apidiscovery.v2',
  groupVersion: 'apidiscovery.k8s.io/v2',
  imports: {},
  messages: {},
};
