import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authorization.v1beta1',
  groupVersion: 'authorization.k8s.io/v1beta1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1', authorizationv1: 'k8s.io.api.authorization.v1' },
  messages: {
    SubjectAccessReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 SubjectAccessReviewSpec',
      status: '3 SubjectAccessReviewStatus omitempty',
    },
    SelfSubjectAccessReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 SelfSubjectAccessReviewSpec',
      status: '3 SubjectAccessReviewStatus omitempty',
    },
    LocalSubjectAccessReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 SubjectAccessReviewSpec',
      status: '3 SubjectAccessReviewStatus omitempty',
    },
    ResourceAttributes: {
      namespace: '1 string omitempty',
      verb: '2 string omitempty',
      group: '3 string omitempty',
      version: '4 string omitempty',
      resource: '5 string omitempty',
      subresource: '6 string omitempty',
      name: '7 string omitempty',
      fieldSelector: '8 *authorizationv1.FieldSelectorAttributes omitempty',
      labelSelector: '9 *authorizationv1.LabelSelectorAttributes omitempty',
    },
    NonResourceAttributes: {
      path: '1 string omitempty',
      verb: '2 string omitempty',
    },
    SubjectAccessReviewSpec: {
      resourceAttributes: '1 *ResourceAttributes omitempty',
      nonResourceAttributes: '2 *NonResourceAttributes omitempty',
      user: '3 string omitempty',
      group: '4 []string omitempty',
      extra: '5 map[string]ExtraValue omitempty',
      uid: '6 string omitempty',
    },
    ExtraValue: '[]string',
    SelfSubjectAccessReviewSpec: {
      resourceAttributes: '1 *ResourceAttributes omitempty',
      nonResourceAttributes: '2 *NonResourceAttributes omitempty',
    },
    SubjectAccessReviewStatus: {
      allowed: '1 bool',
      denied: '4 bool omitempty',
      reason: '2 string omitempty',
      evaluationError: '3 string omitempty',
    },
    SelfSubjectRulesReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 SelfSubjectRulesReviewSpec',
      status: '3 SubjectRulesReviewStatus omitempty',
    },
    SelfSubjectRulesReviewSpec: {
      namespace: '1 string omitempty',
    },
    SubjectRulesReviewStatus: {
      resourceRules: '1 []ResourceRule',
      nonResourceRules: '2 []NonResourceRule',
      incomplete: '3 bool',
      evaluationError: '4 string omitempty',
    },
    ResourceRule: {
      verbs: '1 []string',
      apiGroups: '2 []string omitempty',
      resources: '3 []string omitempty',
      resourceNames: '4 []string omitempty',
    },
    NonResourceRule: {
      verbs: '1 []string',
      nonResourceURLs: '2 []string omitempty',
    },
  },
};
