import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apimachinery.pkg.util.intstr',
  groupVersion: null,
  imports: {},
  messages: {},
};
