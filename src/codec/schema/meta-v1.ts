import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  groupVersion: 'meta.k8s.io/v1',
  imports: {},
  messages: {},
};
