import type { PackageSchema } from './types.js';
import { messages as v1beta1 } from './scheduling-v1beta1.js';

/** scheduling/v1alpha2 (1.36): template references, a string disruptionMode and no composites; the messages it
 * shares with v1beta1 are v1beta1's field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1alpha2',
  groupVersion: 'scheduling.k8s.io/v1alpha2',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    Workload: v1beta1.Workload,
    WorkloadList: v1beta1.WorkloadList,
    WorkloadSpec: {
      controllerRef: '1 *TypedLocalObjectReference omitempty',
      podGroupTemplates: '2 []PodGroupTemplate',
    },
    TypedLocalObjectReference: v1beta1.TypedLocalObjectReference,
    PodGroupTemplate: {
      name: '1 string',
      schedulingPolicy: '2 PodGroupSchedulingPolicy',
      schedulingConstraints: '3 *PodGroupSchedulingConstraints',
      resourceClaims: '4 []PodGroupResourceClaim omitempty',
      disruptionMode: '5 *string omitempty',
      priorityClassName: '6 string omitempty',
      priority: '7 *int32 omitempty',
    },
    PodGroupSchedulingPolicy: v1beta1.PodGroupSchedulingPolicy,
    BasicSchedulingPolicy: v1beta1.BasicSchedulingPolicy,
    GangSchedulingPolicy: v1beta1.GangSchedulingPolicy,
    PodGroupResourceClaim: v1beta1.PodGroupResourceClaim,
    PodGroup: v1beta1.PodGroup,
    PodGroupList: v1beta1.PodGroupList,
    PodGroupSpec: {
      podGroupTemplateRef: '1 *PodGroupTemplateReference',
      schedulingPolicy: '2 PodGroupSchedulingPolicy',
      schedulingConstraints: '3 *PodGroupSchedulingConstraints omitempty',
      resourceClaims: '4 []PodGroupResourceClaim omitempty',
      disruptionMode: '5 *string omitempty',
      priorityClassName: '6 string omitempty',
      priority: '7 *int32 omitempty',
    },
    PodGroupStatus: v1beta1.PodGroupStatus,
    PodGroupResourceClaimStatus: v1beta1.PodGroupResourceClaimStatus,
    PodGroupTemplateReference: {
      workload: '1 *WorkloadPodGroupTemplateReference',
    },
    WorkloadPodGroupTemplateReference: {
      workloadName: '1 string',
      podGroupTemplateName: '2 string',
    },
    PodGroupSchedulingConstraints: v1beta1.PodGroupSchedulingConstraints,
    TopologyConstraint: v1beta1.TopologyConstraint,
  },
};
