import type { PackageSchema } from './types.js';

/** Types authentication/v1beta1 shares with v1 field for field. */
export const tokenReviewMessages: PackageSchema['messages'] = {
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
};

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authentication.v1',
  groupVersion: 'authentication.k8s.io/v1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    ...tokenReviewMessages,
    TokenRequest: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 TokenRequestSpec',
      status: '3 TokenRequestStatus omitempty',
    },
    TokenRequestSpec: {
      audiences: '1 []string',
      expirationSeconds: '4 *int64',
      boundObjectRef: '3 *BoundObjectReference',
      // Not in the stored types.go; number and shape from the 1.37 fixture.
      attestations: '5 map[string]AttestationValue omitempty',
    },
    AttestationValue: '[]string',
    TokenRequestStatus: {
      token: '1 string',
      expirationTimestamp: '2 meta.Time',
    },
    BoundObjectReference: {
      kind: '1 string omitempty',
      apiVersion: '2 string omitempty',
      name: '3 string omitempty',
      uid: '4 string omitempty',
    },
    SelfSubjectReviewStatus: {
      userInfo: '1 UserInfo omitempty',
    },
  },
};
