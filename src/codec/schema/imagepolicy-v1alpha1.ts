import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.imagepolicy.v1alpha1',
  groupVersion: 'imagepolicy.k8s.io/v1alpha1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    ImageReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ImageReviewSpec',
      status: '3 ImageReviewStatus omitempty',
    },
    ImageReviewSpec: {
      containers: '1 []ImageReviewContainerSpec omitempty',
      annotations: '2 map[string]string omitempty',
      namespace: '3 string omitempty',
    },
    ImageReviewContainerSpec: {
      image: '1 string omitempty',
    },
    ImageReviewStatus: {
      allowed: '1 bool',
      reason: '2 string omitempty',
      auditAnnotations: '3 map[string]string omitempty',
    },
  },
};
