import type { PackageSchema } from './types.js';

/** The admission policy types, which v1beta1 and v1alpha1 share field for field (their Go rule types alias v1's). */
export const admissionPolicyMessages: PackageSchema['messages'] = {
  ValidatingAdmissionPolicy: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 ValidatingAdmissionPolicySpec omitempty',
    status: '3 ValidatingAdmissionPolicyStatus omitempty',
  },
  ValidatingAdmissionPolicyStatus: {
    observedGeneration: '1 int64 omitempty',
    typeChecking: '2 *TypeChecking omitempty',
    conditions: '3 []meta.Condition omitempty',
  },
  TypeChecking: {
    expressionWarnings: '1 []ExpressionWarning omitempty',
  },
  ExpressionWarning: {
    fieldRef: '2 string',
    warning: '3 string',
  },
  ValidatingAdmissionPolicyList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []ValidatingAdmissionPolicy',
  },
  ValidatingAdmissionPolicySpec: {
    paramKind: '1 *ParamKind omitempty',
    matchConstraints: '2 *MatchResources omitempty',
    validations: '3 []Validation omitempty',
    failurePolicy: '4 *string omitempty',
    auditAnnotations: '5 []AuditAnnotation omitempty',
    matchConditions: '6 []MatchCondition omitempty',
    variables: '7 []Variable omitempty',
  },
  ParamKind: {
    apiVersion: '1 string omitempty',
    kind: '2 string omitempty',
  },
  Validation: {
    expression: '1 string',
    message: '2 string omitempty',
    reason: '3 *string omitempty',
    messageExpression: '4 string omitempty',
  },
  Variable: {
    name: '1 string',
    expression: '2 string',
  },
  AuditAnnotation: {
    key: '1 string',
    valueExpression: '2 string',
  },
  ValidatingAdmissionPolicyBinding: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 ValidatingAdmissionPolicyBindingSpec omitempty',
  },
  ValidatingAdmissionPolicyBindingList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []ValidatingAdmissionPolicyBinding',
  },
  ValidatingAdmissionPolicyBindingSpec: {
    policyName: '1 string omitempty',
    paramRef: '2 *ParamRef omitempty',
    matchResources: '3 *MatchResources omitempty',
    validationActions: '4 []string omitempty',
  },
  ParamRef: {
    name: '1 string omitempty',
    namespace: '2 string omitempty',
    selector: '3 *meta.LabelSelector omitempty',
    parameterNotFoundAction: '4 *string omitempty',
  },
  MatchResources: {
    namespaceSelector: '1 *meta.LabelSelector omitempty',
    objectSelector: '2 *meta.LabelSelector omitempty',
    resourceRules: '3 []NamedRuleWithOperations omitempty',
    excludeResourceRules: '4 []NamedRuleWithOperations omitempty',
    matchPolicy: '7 *string omitempty',
  },
  NamedRuleWithOperations: {
    resourceNames: '1 []string omitempty',
    ruleWithOperations: '2 admissionregistrationv1.RuleWithOperations inline',
  },
  MatchCondition: {
    name: '1 string',
    expression: '2 string',
  },
  MutatingAdmissionPolicy: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 MutatingAdmissionPolicySpec omitempty',
  },
  MutatingAdmissionPolicyList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []MutatingAdmissionPolicy',
  },
  MutatingAdmissionPolicySpec: {
    paramKind: '1 *ParamKind omitempty',
    matchConstraints: '2 *MatchResources omitempty',
    variables: '3 []Variable omitempty',
    mutations: '4 []Mutation omitempty',
    failurePolicy: '5 *string omitempty',
    matchConditions: '6 []MatchCondition omitempty',
    reinvocationPolicy: '7 string omitempty',
  },
  Mutation: {
    patchType: '2 string',
    applyConfiguration: '3 *ApplyConfiguration omitempty',
    jsonPatch: '4 *JSONPatch omitempty',
  },
  ApplyConfiguration: {
    expression: '1 string omitempty',
  },
  JSONPatch: {
    expression: '1 string omitempty',
  },
  MutatingAdmissionPolicyBinding: {
    metadata: '1 meta.ObjectMeta omitempty',
    spec: '2 MutatingAdmissionPolicyBindingSpec omitempty',
  },
  MutatingAdmissionPolicyBindingList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []MutatingAdmissionPolicyBinding',
  },
  MutatingAdmissionPolicyBindingSpec: {
    policyName: '1 string omitempty',
    paramRef: '2 *ParamRef omitempty',
    matchResources: '3 *MatchResources omitempty',
  },
};

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1',
  groupVersion: 'admissionregistration.k8s.io/v1',
  // The self-alias lets the shared policy types name v1's RuleWithOperations from whichever version compiles them.
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1', admissionregistrationv1: 'k8s.io.api.admissionregistration.v1' },
  messages: {
    Rule: {
      apiGroups: '1 []string omitempty',
      apiVersions: '2 []string omitempty',
      resources: '3 []string omitempty',
      scope: '4 *string omitempty',
    },
    ValidatingWebhookConfiguration: {
      metadata: '1 meta.ObjectMeta omitempty',
      webhooks: '2 []ValidatingWebhook omitempty',
    },
    ValidatingWebhookConfigurationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ValidatingWebhookConfiguration',
    },
    MutatingWebhookConfiguration: {
      metadata: '1 meta.ObjectMeta omitempty',
      webhooks: '2 []MutatingWebhook omitempty',
    },
    MutatingWebhookConfigurationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []MutatingWebhookConfiguration',
    },
    ValidatingWebhook: {
      name: '1 string',
      clientConfig: '2 WebhookClientConfig',
      rules: '3 []RuleWithOperations omitempty',
      failurePolicy: '4 *string omitempty',
      matchPolicy: '9 *string omitempty',
      namespaceSelector: '5 *meta.LabelSelector omitempty',
      objectSelector: '10 *meta.LabelSelector omitempty',
      sideEffects: '6 *string',
      timeoutSeconds: '7 *int32 omitempty',
      admissionReviewVersions: '8 []string',
      matchConditions: '11 []MatchCondition omitempty',
    },
    MutatingWebhook: {
      name: '1 string',
      clientConfig: '2 WebhookClientConfig',
      rules: '3 []RuleWithOperations omitempty',
      failurePolicy: '4 *string omitempty',
      matchPolicy: '9 *string omitempty',
      namespaceSelector: '5 *meta.LabelSelector omitempty',
      objectSelector: '11 *meta.LabelSelector omitempty',
      sideEffects: '6 *string',
      timeoutSeconds: '7 *int32 omitempty',
      admissionReviewVersions: '8 []string',
      reinvocationPolicy: '10 *string omitempty',
      matchConditions: '12 []MatchCondition omitempty',
    },
    ...admissionPolicyMessages,
    RuleWithOperations: {
      operations: '1 []string omitempty',
      rule: '2 Rule inline',
    },
    WebhookClientConfig: {
      url: '3 *string omitempty',
      service: '1 *ServiceReference omitempty',
      caBundle: '2 bytes omitempty',
    },
    ServiceReference: {
      namespace: '1 string',
      name: '2 string',
      path: '3 *string omitempty',
      port: '4 *int32 omitempty',
    },
  },
};
