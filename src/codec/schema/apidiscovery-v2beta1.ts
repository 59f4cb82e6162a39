import type { PackageSchema } from './types.js';
import { schema as apidiscoveryV2 } from './apidiscovery-v2.js';

/** apidiscovery/v2beta1 has the Go types of apidiscovery/v2 field for field. */
export const schema: PackageSchema = {
  ...apidiscoveryV2,
  proto: 'k8s.io.api.apidiscovery.v2beta1',
  groupVersion: 'apidiscovery.k8s.io/v2beta1',
};
