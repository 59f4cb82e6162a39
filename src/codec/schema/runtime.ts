import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.runtime',
  groupVersion: null,
  imports: {},
  messages: {},
};
