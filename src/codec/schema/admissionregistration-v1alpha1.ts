import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1alpha1',
  groupVersion: 'admissionregistration.k8s.io/v1alpha1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1', admissionregistrationv1: 'k8s.io.api.admissionregistration.v1' },
  messages: {
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
  },
};
