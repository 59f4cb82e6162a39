import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apps.v1beta1',
  groupVersion: 'apps/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    intstr: 'k8s.io.apimachinery.pkg.util.intstr',
    runtime: 'k8s.io.apimachinery.pkg.runtime',
  },
  messages: {
    ScaleSpec: {
      replicas: '1 int32 omitempty',
    },
    ScaleStatus: {
      replicas: '1 int32',
      selector: '2 map[string]string omitempty',
      targetSelector: '3 string omitempty',
    },
    Scale: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ScaleSpec omitempty',
      status: '3 ScaleStatus omitempty',
    },
    StatefulSet: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 StatefulSetSpec omitempty',
      status: '3 StatefulSetStatus omitempty',
    },
    StatefulSetUpdateStrategy: {
      type: '1 string omitempty',
      rollingUpdate: '2 *RollingUpdateStatefulSetStrategy omitempty',
    },
    RollingUpdateStatefulSetStrategy: {
      partition: '1 *int32 omitempty',
      maxUnavailable: '2 *intstr.IntOrString omitempty',
    },
    StatefulSetPersistentVolumeClaimRetentionPolicy: {
      whenDeleted: '1 string',
      whenScaled: '2 string',
    },
    StatefulSetOrdinals: {
      start: '1 int32',
    },
    StatefulSetSpec: {
      replicas: '1 *int32 omitempty',
      selector: '2 *meta.LabelSelector omitempty',
      template: '3 core.PodTemplateSpec',
      volumeClaimTemplates: '4 []core.PersistentVolumeClaim omitempty',
      serviceName: '5 string',
      podManagementPolicy: '6 string omitempty',
      updateStrategy: '7 StatefulSetUpdateStrategy omitempty',
      revisionHistoryLimit: '8 *int32 omitempty',
      minReadySeconds: '9 int32 omitempty',
      persistentVolumeClaimRetentionPolicy: '10 *StatefulSetPersistentVolumeClaimRetentionPolicy omitempty',
      ordinals: '11 *StatefulSetOrdinals omitempty',
    },
    StatefulSetStatus: {
      observedGeneration: '1 *int64 omitempty',
      replicas: '2 int32',
      readyReplicas: '3 int32 omitempty',
      currentReplicas: '4 int32 omitempty',
      updatedReplicas: '5 int32 omitempty',
      currentRevision: '6 string omitempty',
      updateRevision: '7 string omitempty',
      collisionCount: '9 *int32 omitempty',
      conditions: '10 []StatefulSetCondition omitempty',
      availableReplicas: '11 int32',
    },
    StatefulSetCondition: {
      type: '1 string',
      status: '2 string',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    StatefulSetList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []StatefulSet',
    },
    Deployment: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 DeploymentSpec omitempty',
      status: '3 DeploymentStatus omitempty',
    },
    DeploymentSpec: {
      replicas: '1 *int32 omitempty',
      selector: '2 *meta.LabelSelector omitempty',
      template: '3 core.PodTemplateSpec',
      strategy: '4 DeploymentStrategy omitempty',
      minReadySeconds: '5 int32 omitempty',
      revisionHistoryLimit: '6 *int32 omitempty',
      paused: '7 bool omitempty',
      rollbackTo: '8 *RollbackConfig omitempty',
      progressDeadlineSeconds: '9 *int32 omitempty',
    },
    DeploymentRollback: {
      name: '1 string',
      updatedAnnotations: '2 map[string]string omitempty',
      rollbackTo: '3 RollbackConfig',
    },
    RollbackConfig: {
      revision: '1 int64 omitempty',
    },
    DeploymentStrategy: {
      type: '1 string omitempty',
      rollingUpdate: '2 *RollingUpdateDeployment omitempty',
    },
    RollingUpdateDeployment: {
      maxUnavailable: '1 *intstr.IntOrString omitempty',
      maxSurge: '2 *intstr.IntOrString omitempty',
    },
    DeploymentStatus: {
      observedGeneration: '1 int64 omitempty',
      replicas: '2 int32 omitempty',
      updatedReplicas: '3 int32 omitempty',
      readyReplicas: '7 int32 omitempty',
      availableReplicas: '4 int32 omitempty',
      unavailableReplicas: '5 int32 omitempty',
      terminatingReplicas: '9 *int32 omitempty',
      conditions: '6 []DeploymentCondition omitempty',
      collisionCount: '8 *int32 omitempty',
    },
    DeploymentCondition: {
      type: '1 string',
      status: '2 string',
      lastUpdateTime: '6 meta.Time omitempty',
      lastTransitionTime: '7 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    DeploymentList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Deployment',
    },
    ControllerRevision: {
      metadata: '1 meta.ObjectMeta omitempty',
      data: '2 runtime.RawExtension',
      revision: '3 int64',
    },
    ControllerRevisionList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ControllerRevision',
    },
  },
};
