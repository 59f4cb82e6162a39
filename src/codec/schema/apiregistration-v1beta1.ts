import type { PackageSchema } from './types.js';
import { schema as apiregistrationV1 } from './apiregistration-v1.js';

/** apiregistration/v1beta1 has the Go types of apiregistration/v1 field for field. */
export const schema: PackageSchema = {
  ...apiregistrationV1,
  proto: 'k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1',
  groupVersion: 'apiregistration.k8s.io/v1beta1',
};
