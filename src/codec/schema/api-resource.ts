import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.api.resource',
  groupVersion: null,
  imports: {},
  messages: {},
};
