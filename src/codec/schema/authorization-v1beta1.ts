import type { PackageSchema } from './types.js';
import { accessReviewMessages, rulesReviewMessages, schema as authorizationV1 } from './authorization-v1.js';

/** authorization/v1beta1: v1's reviews without conditional authorization; its spec calls the groups `group`. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.authorization.v1beta1',
  groupVersion: 'authorization.k8s.io/v1beta1',
  imports: { ...authorizationV1.imports, authorizationv1: authorizationV1.proto },
  messages: {
    ...accessReviewMessages,
    ...rulesReviewMessages,
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
    SubjectAccessReviewSpec: {
      resourceAttributes: '1 *ResourceAttributes omitempty',
      nonResourceAttributes: '2 *NonResourceAttributes omitempty',
      user: '3 string omitempty',
      group: '4 []string omitempty',
      extra: '5 map[string]ExtraValue omitempty',
      uid: '6 string omitempty',
    },
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
  },
};
