import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that v1beta1 and v1alpha1 can serve the messages they share with v1. */
export const messages = {
  CertificateSigningRequest: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 CertificateSigningRequestSpec',
    status: '3 CertificateSigningRequestStatus omitempty',
  },
  CertificateSigningRequestSpec: {
    request: '1 bytes',
    signerName: '7 string',
    expirationSeconds: '8 *int32 omitempty',
    usages: '5 []string omitempty',
    username: '2 string omitempty',
    uid: '3 string omitempty',
    groups: '4 []string omitempty',
    extra: '6 map[string]ExtraValue omitempty',
  },
  ExtraValue: '[]string',
  CertificateSigningRequestStatus: {
    conditions: '1 []CertificateSigningRequestCondition omitempty',
    certificate: '2 bytes omitempty',
  },
  CertificateSigningRequestCondition: {
    type: '1 string',
    status: '6 string',
    reason: '2 string omitempty',
    message: '3 string omitempty',
    lastUpdateTime: '4 meta.Time omitempty',
    lastTransitionTime: '5 meta.Time omitempty',
  },
  CertificateSigningRequestList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []CertificateSigningRequest',
  },
  ClusterTrustBundle: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 ClusterTrustBundleSpec',
  },
  ClusterTrustBundleSpec: {
    signerName: '1 string omitempty',
    trustBundle: '2 string',
  },
  ClusterTrustBundleList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []ClusterTrustBundle',
  },
  PodCertificateRequest: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 PodCertificateRequestSpec',
    status: '3 PodCertificateRequestStatus omitempty',
  },
  // Numbers and Go order from the 1.37 fixture (pkixPublicKey 9 and proofOfPossession 10 stay in v1beta1 only);
  // the flag of stubPKCS10Request is inferred: no Go source of it was at hand.
  PodCertificateRequestSpec: {
    signerName: '1 string',
    podName: '2 string',
    podUID: '3 string',
    serviceAccountName: '4 string',
    serviceAccountUID: '5 string',
    nodeName: '6 string',
    nodeUID: '7 string',
    maxExpirationSeconds: '8 *int32 omitempty',
    stubPKCS10Request: '12 bytes',
    unverifiedUserAnnotations: '11 map[string]string omitempty',
  },
  PodCertificateRequestStatus: {
    conditions: '1 []meta.Condition omitempty',
    certificateChain: '2 string omitempty',
    notBefore: '4 *meta.Time omitempty',
    beginRefreshAt: '5 *meta.Time omitempty',
    notAfter: '6 *meta.Time omitempty',
  },
  PodCertificateRequestList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []PodCertificateRequest',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.certificates.v1',
  groupVersion: 'certificates.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages,
};
