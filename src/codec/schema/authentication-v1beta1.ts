import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authentication.v1beta1',
  groupVersion: 'authentication.k8s.io/v1beta1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1', authenticationv1: 'k8s.io.api.authentication.v1' },
  messages: {
    TokenReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 TokenReviewSpec',
      status: '3 TokenReviewStatus omitempty',
    },
    TokenReviewSpec: {
      token: '1 string omitempty',
      audiences: '2 []string omitempty',
    },
    TokenReviewStatus: {
      authenticated: '1 bool omitempty',
      user: '2 UserInfo omitempty',
      audiences: '4 []string omitempty',
      error: '3 string omitempty',
    },
    UserInfo: {
      username: '1 string omitempty',
      uid: '2 string omitempty',
      groups: '3 []string omitempty',
      extra: '4 map[string]ExtraValue omitempty',
    },
    ExtraValue: '[]string',
    SelfSubjectReview: {
      metadata: '1 meta.ObjectMeta omitempty',
      status: '2 SelfSubjectReviewStatus omitempty',
    },
    SelfSubjectReviewStatus: {
      userInfo: '1 authenticationv1.UserInfo omitempty',
    },
  },
};
