import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.flowcontrol.v1',
  groupVersion: 'flowcontrol.apiserver.k8s.io/v1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    FlowSchema: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 FlowSchemaSpec omitempty',
      status: '3 FlowSchemaStatus omitempty',
    },
    FlowSchemaList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []FlowSchema',
    },
    FlowSchemaSpec: {
      priorityLevelConfiguration: '1 PriorityLevelConfigurationReference',
      matchingPrecedence: '2 int32',
      distinguisherMethod: '3 *FlowDistinguisherMethod omitempty',
      rules: '4 []PolicyRulesWithSubjects omitempty',
    },
    FlowDistinguisherMethod: {
      type: '1 string',
    },
    PriorityLevelConfigurationReference: {
      name: '1 string',
    },
    PolicyRulesWithSubjects: {
      subjects: '1 []Subject',
      resourceRules: '2 []ResourcePolicyRule omitempty',
      nonResourceRules: '3 []NonResourcePolicyRule omitempty',
    },
    Subject: {
      kind: '1 string',
      user: '2 *UserSubject omitempty',
      group: '3 *GroupSubject omitempty',
      serviceAccount: '4 *ServiceAccountSubject omitempty',
    },
    UserSubject: {
      name: '1 string',
    },
    GroupSubject: {
      name: '1 string',
    },
    ServiceAccountSubject: {
      namespace: '1 string',
      name: '2 string',
    },
    ResourcePolicyRule: {
      verbs: '1 []string',
      apiGroups: '2 []string',
      resources: '3 []string',
      clusterScope: '4 bool omitempty',
      namespaces: '5 []string',
    },
    NonResourcePolicyRule: {
      verbs: '1 []string',
      nonResourceURLs: '6 []string',
    },
    FlowSchemaStatus: {
      conditions: '1 []FlowSchemaCondition omitempty',
    },
    FlowSchemaCondition: {
      type: '1 string omitempty',
      status: '2 string omitempty',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    PriorityLevelConfiguration: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 PriorityLevelConfigurationSpec omitempty',
      status: '3 PriorityLevelConfigurationStatus omitempty',
    },
    PriorityLevelConfigurationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []PriorityLevelConfiguration',
    },
    PriorityLevelConfigurationSpec: {
      type: '1 string',
      limited: '2 *LimitedPriorityLevelConfiguration omitempty',
      exempt: '3 *ExemptPriorityLevelConfiguration omitempty',
    },
    LimitedPriorityLevelConfiguration: {
      nominalConcurrencyShares: '1 *int32',
      limitResponse: '2 LimitResponse omitempty',
      lendablePercent: '3 *int32 omitempty',
      borrowingLimitPercent: '4 *int32 omitempty',
    },
    ExemptPriorityLevelConfiguration: {
      nominalConcurrencyShares: '1 *int32 omitempty',
      lendablePercent: '2 *int32 omitempty',
    },
    LimitResponse: {
      type: '1 string',
      queuing: '2 *QueuingConfiguration omitempty',
    },
    QueuingConfiguration: {
      queues: '1 int32',
      handSize: '2 int32',
      queueLengthLimit: '3 int32',
    },
    PriorityLevelConfigurationStatus: {
      conditions: '1 []PriorityLevelConfigurationCondition omitempty',
    },
    PriorityLevelConfigurationCondition: {
      type: '1 string omitempty',
      status: '2 string omitempty',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
  },
};
