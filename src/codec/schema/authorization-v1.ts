import type { PackageSchema } from './types.js';

/** Access-review types authorization/v1beta1 shares with v1 field for field. */
export const accessReviewMessages: PackageSchema['messages'] = {
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
  NonResourceAttributes: {
    path: '1 string omitempty',
    verb: '2 string omitempty',
  },
  ExtraValue: '[]string',
};

/** Rules-review types authorization/v1beta1 shares with v1 field for field. */
export const rulesReviewMessages: PackageSchema['messages'] = {
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
};

export const schema: PackageSchema = {
  proto: 'k8s.io.api.authorization.v1',
  groupVersion: 'authorization.k8s.io/v1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    ...accessReviewMessages,
    ResourceAttributes: {
      namespace: '1 string omitempty',
      verb: '2 string omitempty',
      group: '3 string omitempty',
      version: '4 string omitempty',
      resource: '5 string omitempty',
      subresource: '6 string omitempty',
      name: '7 string omitempty',
      fieldSelector: '8 *FieldSelectorAttributes omitempty',
      labelSelector: '9 *LabelSelectorAttributes omitempty',
    },
    LabelSelectorAttributes: {
      rawSelector: '1 string omitempty',
      requirements: '2 []meta.LabelSelectorRequirement omitempty',
    },
    FieldSelectorAttributes: {
      rawSelector: '1 string omitempty',
      requirements: '2 []meta.FieldSelectorRequirement omitempty',
    },
    SubjectAccessReviewSpec: {
      resourceAttributes: '1 *ResourceAttributes omitempty',
      nonResourceAttributes: '2 *NonResourceAttributes omitempty',
      user: '3 string omitempty',
      groups: '4 []string omitempty',
      extra: '5 map[string]ExtraValue omitempty',
      uid: '6 string omitempty',
      authorizationOptions: '7 *AuthorizationOptions omitempty',
    },
    SelfSubjectAccessReviewSpec: {
      resourceAttributes: '1 *ResourceAttributes omitempty',
      nonResourceAttributes: '2 *NonResourceAttributes omitempty',
      authorizationOptions: '3 *AuthorizationOptions omitempty',
    },
    SubjectAccessReviewStatus: {
      allowed: '1 bool',
      denied: '4 bool omitempty',
      reason: '2 string omitempty',
      evaluationError: '3 string omitempty',
      conditionalDecision: '5 *ConditionsAwareDecision omitempty',
    },
    ...rulesReviewMessages,
    AuthorizationOptions: {
      handledDecisionTypes: '1 []string',
    },
    Condition: {
      id: '1 string',
      condition: '2 string omitempty',
      type: '3 string omitempty',
      description: '4 string omitempty',
    },
    ConditionsMap: {
      denyConditions: '1 []Condition',
      noOpinionConditions: '2 []Condition',
      allowConditions: '3 []Condition',
    },
    ConditionsAwareDecision: {
      type: '1 string',
      deny: '2 *UnconditionalDecision omitempty',
      noOpinion: '3 *UnconditionalDecision omitempty',
      allow: '4 *UnconditionalDecision omitempty',
      conditionsMap: '5 *ConditionsMap omitempty',
      union: '6 []NamedConditionsAwareDecision omitempty',
    },
    NamedConditionsAwareDecision: {
      authorizerName: '1 string',
      decision: '2 ConditionsAwareDecision',
    },
    UnconditionalDecision: {
      reason: '1 string omitempty',
      evaluationError: '2 string omitempty',
    },
  },
};
