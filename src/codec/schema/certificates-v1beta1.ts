import type { PackageSchema } from './types.js';
import { messages as v1, schema as certificatesV1 } from './certificates-v1.js';

/**
 * certificates/v1beta1: CertificateSigningRequest with an optional signerName, PodCertificateRequest with the
 * deprecated public-key fields; the other messages are those of v1 field for field.
 */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.certificates.v1beta1',
  groupVersion: 'certificates.k8s.io/v1beta1',
  imports: certificatesV1.imports,
  messages: {
    CertificateSigningRequest: v1.CertificateSigningRequest,
    CertificateSigningRequestSpec: {
      request: '1 bytes',
      signerName: '7 *string omitempty',
      expirationSeconds: '8 *int32 omitempty',
      usages: '5 []string omitempty',
      username: '2 string omitempty',
      uid: '3 string omitempty',
      groups: '4 []string omitempty',
      extra: '6 map[string]ExtraValue omitempty',
    },
    ExtraValue: v1.ExtraValue,
    CertificateSigningRequestStatus: v1.CertificateSigningRequestStatus,
    CertificateSigningRequestCondition: v1.CertificateSigningRequestCondition,
    CertificateSigningRequestList: v1.CertificateSigningRequestList,
    ClusterTrustBundle: v1.ClusterTrustBundle,
    ClusterTrustBundleSpec: v1.ClusterTrustBundleSpec,
    ClusterTrustBundleList: v1.ClusterTrustBundleList,
    PodCertificateRequest: v1.PodCertificateRequest,
    PodCertificateRequestSpec: {
      signerName: '1 string',
      podName: '2 string',
      podUID: '3 string',
      serviceAccountName: '4 string',
      serviceAccountUID: '5 string',
      nodeName: '6 string',
      nodeUID: '7 string',
      maxExpirationSeconds: '8 *int32 omitempty',
      pkixPublicKey: '9 bytes',
      proofOfPossession: '10 bytes',
      stubPKCS10Request: '12 bytes',
      unverifiedUserAnnotations: '11 map[string]string omitempty',
    },
    PodCertificateRequestStatus: v1.PodCertificateRequestStatus,
    PodCertificateRequestList: v1.PodCertificateRequestList,
  },
};
