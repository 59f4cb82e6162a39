import type { PackageSchema } from './types.js';
import { schema as authenticationV1, tokenReviewMessages } from './authentication-v1.js';

/** authentication/v1beta1: v1's TokenReview and SelfSubjectReview; its review status holds a v1 UserInfo. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.authentication.v1beta1',
  groupVersion: 'authentication.k8s.io/v1beta1',
  imports: { ...authenticationV1.imports, authenticationv1: authenticationV1.proto },
  messages: {
    ...tokenReviewMessages,
    SelfSubjectReviewStatus: {
      userInfo: '1 authenticationv1.UserInfo omitempty',
    },
  },
};
