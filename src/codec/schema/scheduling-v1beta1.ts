import type { MessageSpec, PackageSchema } from './types.js';
import { messages as v1 } from './scheduling-v1.js';

/** Exported by name so that other versions can serve the messages they share with this one. */
export const messages = {
  PriorityClass: v1.PriorityClass,
  PriorityClassList: v1.PriorityClassList,
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
    compositePodGroupTemplates: '3 []CompositePodGroupTemplate omitempty',
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
    disruptionMode: '5 *DisruptionMode omitempty',
    priorityClassName: '6 string omitempty',
    priority: '7 *int32 omitempty',
    preemptionPolicy: '8 *string omitempty',
  },
  CompositePodGroupTemplate: {
    name: '1 string',
    schedulingPolicy: '2 CompositePodGroupSchedulingPolicy',
    schedulingConstraints: '3 *CompositePodGroupSchedulingConstraints omitempty',
    disruptionMode: '4 *CompositeDisruptionMode omitempty',
    priorityClassName: '5 string omitempty',
    priority: '6 *int32 omitempty',
    preemptionPolicy: '7 *string omitempty',
    podGroupTemplates: '8 []PodGroupTemplate omitempty',
    compositePodGroupTemplates: '9 []CompositePodGroupTemplate omitempty',
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
  DisruptionMode: {
    single: '1 *SingleDisruptionMode omitempty',
    all: '2 *AllDisruptionMode omitempty',
  },
  SingleDisruptionMode: {},
  AllDisruptionMode: {},
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
    parentCompositePodGroupName: '1 *string omitempty',
    workloadRef: '2 *WorkloadReference omitempty',
    schedulingPolicy: '3 PodGroupSchedulingPolicy',
    schedulingConstraints: '4 *PodGroupSchedulingConstraints omitempty',
    resourceClaims: '5 []PodGroupResourceClaim omitempty',
    disruptionMode: '6 *DisruptionMode omitempty',
    priorityClassName: '7 string omitempty',
    priority: '8 *int32 omitempty',
    preemptionPolicy: '9 *string omitempty',
  },
  PodGroupStatus: {
    conditions: '1 []meta.Condition omitempty',
    resourceClaimStatuses: '2 []PodGroupResourceClaimStatus omitempty',
  },
  PodGroupResourceClaimStatus: {
    name: '1 string',
    resourceClaimName: '2 *string omitempty',
  },
  WorkloadReference: {
    workloadName: '1 string',
    templateName: '2 string',
  },
  PodGroupSchedulingConstraints: {
    topology: '1 []TopologyConstraint omitempty',
  },
  TopologyConstraint: {
    key: '1 string',
  },
  CompositePodGroupSchedulingPolicy: {
    basic: '1 *CompositeBasicSchedulingPolicy omitempty',
    gang: '2 *CompositeGangSchedulingPolicy omitempty',
  },
  CompositeBasicSchedulingPolicy: {},
  CompositeGangSchedulingPolicy: {
    minGroupCount: '1 int32',
  },
  CompositeDisruptionMode: {
    single: '1 *SingleCompositeDisruptionMode omitempty',
    all: '2 *AllCompositeDisruptionMode omitempty',
  },
  SingleCompositeDisruptionMode: {},
  AllCompositeDisruptionMode: {},
  CompositePodGroupSchedulingConstraints: {
    topology: '1 []TopologyConstraint omitempty',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.scheduling.v1beta1',
  groupVersion: 'scheduling.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages,
};
