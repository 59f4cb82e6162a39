import type { PackageSchema } from './types.js';
import { messages as v1, schema as certificatesV1 } from './certificates-v1.js';

/** certificates/v1alpha1 keeps only ClusterTrustBundle (PodCertificateRequest moved to v1beta1), as in v1. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.certificates.v1alpha1',
  groupVersion: 'certificates.k8s.io/v1alpha1',
  imports: certificatesV1.imports,
  messages: {
    ClusterTrustBundle: v1.ClusterTrustBundle,
    ClusterTrustBundleSpec: v1.ClusterTrustBundleSpec,
    ClusterTrustBundleList: v1.ClusterTrustBundleList,
  },
};
