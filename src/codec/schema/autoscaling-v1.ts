import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.autoscaling.v1',
  groupVersion: 'autoscaling/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    resource: 'k8s.io.apimachinery.pkg.api.resource',
  },
  messages: {
    CrossVersionObjectReference: {
      kind: '1 string',
      name: '2 string',
      apiVersion: '3 string omitempty',
    },
    HorizontalPodAutoscalerSpec: {
      scaleTargetRef: '1 CrossVersionObjectReference',
      minReplicas: '2 *int32 omitempty',
      maxReplicas: '3 int32',
      targetCPUUtilizationPercentage: '4 *int32 omitempty',
    },
    HorizontalPodAutoscalerStatus: {
      observedGeneration: '1 *int64 omitempty',
      lastScaleTime: '2 *meta.Time omitempty',
      currentReplicas: '3 int32',
      desiredReplicas: '4 int32',
      currentCPUUtilizationPercentage: '5 *int32 omitempty',
    },
    HorizontalPodAutoscaler: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 HorizontalPodAutoscalerSpec omitempty',
      status: '3 HorizontalPodAutoscalerStatus omitempty',
    },
    HorizontalPodAutoscalerList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []HorizontalPodAutoscaler',
    },
    Scale: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ScaleSpec omitempty',
      status: '3 ScaleStatus omitempty',
    },
    ScaleSpec: {
      replicas: '1 int32 omitempty',
    },
    ScaleStatus: {
      replicas: '1 int32',
      selector: '2 string omitempty',
    },
    MetricSpec: {
      type: '1 string',
      object: '2 *ObjectMetricSource omitempty',
      pods: '3 *PodsMetricSource omitempty',
      resource: '4 *ResourceMetricSource omitempty',
      containerResource: '7 *ContainerResourceMetricSource omitempty',
      external: '5 *ExternalMetricSource omitempty',
    },
    ObjectMetricSource: {
      target: '1 CrossVersionObjectReference',
      metricName: '2 string',
      targetValue: '3 resource.Quantity',
      selector: '4 *meta.LabelSelector omitempty',
      averageValue: '5 *resource.Quantity omitempty',
    },
    PodsMetricSource: {
      metricName: '1 string',
      targetAverageValue: '2 resource.Quantity',
      selector: '3 *meta.LabelSelector omitempty',
    },
    ResourceMetricSource: {
      name: '1 string',
      targetAverageUtilization: '2 *int32 omitempty',
      targetAverageValue: '3 *resource.Quantity omitempty',
    },
    ContainerResourceMetricSource: {
      name: '1 string',
      targetAverageUtilization: '2 *int32 omitempty',
      targetAverageValue: '3 *resource.Quantity omitempty',
      container: '5 string',
    },
    ExternalMetricSource: {
      metricName: '1 string',
      metricSelector: '2 *meta.LabelSelector omitempty',
      targetValue: '3 *resource.Quantity omitempty',
      targetAverageValue: '4 *resource.Quantity omitempty',
    },
    MetricStatus: {
      type: '1 string',
      object: '2 *ObjectMetricStatus omitempty',
      pods: '3 *PodsMetricStatus omitempty',
      resource: '4 *ResourceMetricStatus omitempty',
      containerResource: '7 *ContainerResourceMetricStatus omitempty',
      external: '5 *ExternalMetricStatus omitempty',
    },
    HorizontalPodAutoscalerCondition: {
      type: '1 string',
      status: '2 string',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
      observedGeneration: '6 *int64 omitempty',
    },
    ObjectMetricStatus: {
      target: '1 CrossVersionObjectReference',
      metricName: '2 string',
      currentValue: '3 resource.Quantity',
      selector: '4 *meta.LabelSelector omitempty',
      averageValue: '5 *resource.Quantity omitempty',
    },
    PodsMetricStatus: {
      metricName: '1 string',
      currentAverageValue: '2 resource.Quantity',
      selector: '3 *meta.LabelSelector omitempty',
    },
    ResourceMetricStatus: {
      name: '1 string',
      // The tag says bytes, but an int32 travels as a varint.
      currentAverageUtilization: '2 *int32 omitempty',
      currentAverageValue: '3 resource.Quantity',
    },
    ContainerResourceMetricStatus: {
      name: '1 string',
      currentAverageUtilization: '2 *int32 omitempty',
      currentAverageValue: '3 resource.Quantity',
      container: '4 string',
    },
    ExternalMetricStatus: {
      metricName: '1 string',
      metricSelector: '2 *meta.LabelSelector omitempty',
      currentValue: '3 resource.Quantity',
      currentAverageValue: '4 *resource.Quantity omitempty',
    },
  },
};
