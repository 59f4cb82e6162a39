import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1',
  groupVersion: 'apiextensions.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
