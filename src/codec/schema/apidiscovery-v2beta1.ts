import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apidiscovery.v2beta1',
  groupVersion: 'apidiscovery.k8s.io/v2beta1',
  imports: {},
  messages: {},
};
