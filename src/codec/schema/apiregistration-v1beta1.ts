import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1',
  groupVersion: 'apiregistration.k8s.io/v1beta1',
  imports: {},
  messages: {},
};
