import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.coordination.v1beta1',
  groupVersion: 'coordination.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    Lease: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 LeaseSpec omitempty',
    },
    LeaseSpec: {
      holderIdentity: '1 *string omitempty',
      leaseDurationSeconds: '2 *int32 omitempty',
      acquireTime: '3 *meta.MicroTime omitempty',
      renewTime: '4 *meta.MicroTime omitempty',
      leaseTransitions: '5 *int32 omitempty',
      strategy: '6 *string omitempty',
      preferredHolder: '7 *string omitempty',
    },
    LeaseList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Lease',
    },
    LeaseCandidate: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 LeaseCandidateSpec omitempty',
    },
    LeaseCandidateSpec: {
      leaseName: '1 string',
      pingTime: '2 *meta.MicroTime omitempty',
      renewTime: '3 *meta.MicroTime omitempty',
      binaryVersion: '4 string',
      emulationVersion: '5 string omitempty',
      strategy: '6 string omitempty',
    },
    LeaseCandidateList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []LeaseCandidate',
    },
  },
};
