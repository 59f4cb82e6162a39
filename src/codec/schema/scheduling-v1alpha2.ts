import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1alpha2',
  groupVersion: 'scheduling.k8s.io/v1alpha2',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    Workload: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 WorkloadSpec',
    },
    WorkloadList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Workload',
    },
    WorkloadSpec: {
      controllerRef: '1 *TypedLocalObjectReference omitempty',
      podGroupTemplates: '2 []PodGroupTemplate',
    },
    TypedLocalObjectReference: {
      apiGroup: '1 string omitempty',
      kind: '2 string',
      name: '3 string',
    },
    PodGroupTemplate: {
      name: '1 string',
      schedulingPolicy: '2 PodGroupSchedulingPolicy',
      schedulingConstraints: '3 *PodGroupSchedulingConstraints',
      resourceClaims: '4 []PodGroupResourceClaim omitempty',
      disruptionMode: '5 *string omitempty',
      priorityClassName: '6 string omitempty',
      priority: '7 *int32 omitempty',
    },
    PodGroupSchedulingPolicy: {
      basic: '1 *BasicSchedulingPolicy omitempty',
      gang: '2 *GangSchedulingPolicy omitempty',
    },
    BasicSchedulingPolicy: {},
    GangSchedulingPolicy: {
      minCount: '1 int32',
    },
    PodGroupResourceClaim: {
      name: '1 string',
      resourceClaimName: '2 *string omitempty',
      resourceClaimTemplateName: '3 *string omitempty',
    },
    PodGroup: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 PodGroupSpec',
      status: '3 PodGroupStatus omitempty',
    },
    PodGroupList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []PodGroup',
    },
    PodGroupSpec: {
      podGroupTemplateRef: '1 *PodGroupTemplateReference',
      schedulingPolicy: '2 PodGroupSchedulingPolicy',
      schedulingConstraints: '3 *PodGroupSchedulingConstraints omitempty',
      resourceClaims: '4 []PodGroupResourceClaim omitempty',
      disruptionMode: '5 *string omitempty',
      priorityClassName: '6 string omitempty',
      priority: '7 *int32 omitempty',
    },
    PodGroupStatus: {
      conditions: '1 []meta.Condition omitempty',
      resourceClaimStatuses: '2 []PodGroupResourceClaimStatus omitempty',
    },
    PodGroupResourceClaimStatus: {
      name: '1 string',
      resourceClaimName: '2 *string omitempty',
    },
    PodGroupTemplateReference: {
      workload: '1 *WorkloadPodGroupTemplateReference',
    },
    WorkloadPodGroupTemplateReference: {
      workloadName: '1 string',
      podGroupTemplateName: '2 string',
    },
    PodGroupSchedulingConstraints: {
      topology: '1 []TopologyConstraint omitempty',
    },
    TopologyConstraint: {
      key: '1 string',
    },
  },
};
