import type { PackageSchema } from './types.js';
import { messages as v1beta1 } from './scheduling-v1beta1.js';

/** scheduling/v1alpha3 (1.37): the Workload building blocks and CompositePodGroup are its own; the messages it
 * shares with v1beta1 are v1beta1's field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1alpha3',
  groupVersion: 'scheduling.k8s.io/v1alpha3',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    Workload: v1beta1.Workload,
    WorkloadList: v1beta1.WorkloadList,
    WorkloadSpec: v1beta1.WorkloadSpec,
    TypedLocalObjectReference: v1beta1.TypedLocalObjectReference,
    PodGroupTemplate: v1beta1.PodGroupTemplate,
    CompositePodGroupTemplate: v1beta1.CompositePodGroupTemplate,
    PodGroupSchedulingPolicy: v1beta1.PodGroupSchedulingPolicy,
    BasicSchedulingPolicy: v1beta1.BasicSchedulingPolicy,
    GangSchedulingPolicy: v1beta1.GangSchedulingPolicy,
    PodGroupResourceClaim: v1beta1.PodGroupResourceClaim,
    DisruptionMode: v1beta1.DisruptionMode,
    SingleDisruptionMode: v1beta1.SingleDisruptionMode,
    AllDisruptionMode: v1beta1.AllDisruptionMode,
    PodGroup: v1beta1.PodGroup,
    PodGroupList: v1beta1.PodGroupList,
    PodGroupSpec: v1beta1.PodGroupSpec,
    PodGroupStatus: v1beta1.PodGroupStatus,
    PodGroupResourceClaimStatus: v1beta1.PodGroupResourceClaimStatus,
    WorkloadReference: v1beta1.WorkloadReference,
    PodGroupSchedulingConstraints: v1beta1.PodGroupSchedulingConstraints,
    TopologyConstraint: v1beta1.TopologyConstraint,
    WorkloadPodGroupSchedulingPolicy: {
      basic: '1 *WorkloadPodGroupBasicSchedulingPolicy omitempty',
      gang: '2 *WorkloadPodGroupGangSchedulingPolicy omitempty',
    },
    WorkloadPodGroupBasicSchedulingPolicy: {},
    WorkloadPodGroupGangSchedulingPolicy: {
      minCount: '1 *int32 omitempty',
    },
    WorkloadPodGroupSchedulingConstraints: {
      topology: '1 []TopologyConstraint omitempty',
    },
    WorkloadPodGroupResourceClaim: {
      name: '1 string',
      resourceClaimName: '2 *string omitempty',
      resourceClaimTemplateName: '3 *string omitempty',
    },
    WorkloadPodGroupDisruptionMode: {
      single: '1 *WorkloadPodGroupSingleDisruptionMode omitempty',
      all: '2 *WorkloadPodGroupAllDisruptionMode omitempty',
    },
    WorkloadPodGroupSingleDisruptionMode: {},
    WorkloadPodGroupAllDisruptionMode: {},
    CompositePodGroup: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 CompositePodGroupSpec',
      status: '3 CompositePodGroupStatus omitempty',
    },
    CompositePodGroupList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []CompositePodGroup',
    },
    CompositePodGroupSpec: {
      parentCompositePodGroupName: '1 *string omitempty',
      workloadRef: '2 *WorkloadReference',
      schedulingPolicy: '3 CompositePodGroupSchedulingPolicy',
      schedulingConstraints: '4 *CompositePodGroupSchedulingConstraints omitempty',
      disruptionMode: '5 *CompositeDisruptionMode omitempty',
      priorityClassName: '6 string omitempty',
      priority: '7 *int32 omitempty',
      preemptionPolicy: '8 *string omitempty',
    },
    CompositePodGroupStatus: {
      conditions: '1 []meta.Condition omitempty',
    },
    CompositePodGroupSchedulingPolicy: v1beta1.CompositePodGroupSchedulingPolicy,
    CompositeBasicSchedulingPolicy: v1beta1.CompositeBasicSchedulingPolicy,
    CompositeGangSchedulingPolicy: v1beta1.CompositeGangSchedulingPolicy,
    CompositeDisruptionMode: v1beta1.CompositeDisruptionMode,
    SingleCompositeDisruptionMode: v1beta1.SingleCompositeDisruptionMode,
    AllCompositeDisruptionMode: v1beta1.AllCompositeDisruptionMode,
    CompositePodGroupSchedulingConstraints: v1beta1.CompositePodGroupSchedulingConstraints,
  },
};
