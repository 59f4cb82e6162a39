import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.extensions.v1beta1',
  groupVersion: 'extensions/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    intstr: 'k8s.io.apimachinery.pkg.util.intstr',
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
    DaemonSetUpdateStrategy: {
      type: '1 string omitempty',
      rollingUpdate: '2 *RollingUpdateDaemonSet omitempty',
    },
    RollingUpdateDaemonSet: {
      maxUnavailable: '1 *intstr.IntOrString omitempty',
      maxSurge: '2 *intstr.IntOrString omitempty',
    },
    DaemonSetSpec: {
      selector: '1 *meta.LabelSelector omitempty',
      template: '2 core.PodTemplateSpec',
      updateStrategy: '3 DaemonSetUpdateStrategy omitempty',
      minReadySeconds: '4 int32 omitempty',
      templateGeneration: '5 int64 omitempty',
      revisionHistoryLimit: '6 *int32 omitempty',
    },
    DaemonSetStatus: {
      currentNumberScheduled: '1 int32',
      numberMisscheduled: '2 int32',
      desiredNumberScheduled: '3 int32',
      numberReady: '4 int32',
      observedGeneration: '5 int64 omitempty',
      updatedNumberScheduled: '6 int32 omitempty',
      numberAvailable: '7 int32 omitempty',
      numberUnavailable: '8 int32 omitempty',
      collisionCount: '9 *int32 omitempty',
      conditions: '10 []DaemonSetCondition omitempty',
    },
    DaemonSetCondition: {
      type: '1 string',
      status: '2 string',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    DaemonSet: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 DaemonSetSpec omitempty',
      status: '3 DaemonSetStatus omitempty',
    },
    DaemonSetList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []DaemonSet',
    },
    Ingress: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 IngressSpec omitempty',
      status: '3 IngressStatus omitempty',
    },
    IngressList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []Ingress',
    },
    IngressSpec: {
      ingressClassName: '4 *string omitempty',
      backend: '1 *IngressBackend omitempty',
      tls: '2 []IngressTLS omitempty',
      rules: '3 []IngressRule omitempty',
    },
    IngressTLS: {
      hosts: '1 []string omitempty',
      secretName: '2 string omitempty',
    },
    IngressStatus: {
      loadBalancer: '1 IngressLoadBalancerStatus omitempty',
    },
    IngressLoadBalancerStatus: {
      ingress: '1 []IngressLoadBalancerIngress omitempty',
    },
    IngressLoadBalancerIngress: {
      ip: '1 string omitempty',
      hostname: '2 string omitempty',
      ports: '4 []IngressPortStatus omitempty',
    },
    IngressPortStatus: {
      port: '1 int32',
      protocol: '2 string',
      error: '3 *string omitempty',
    },
    IngressRule: {
      host: '1 string omitempty',
      ingressRuleValue: '2 IngressRuleValue inline',
    },
    IngressRuleValue: {
      http: '1 *HTTPIngressRuleValue omitempty',
    },
    HTTPIngressRuleValue: {
      paths: '1 []HTTPIngressPath',
    },
    HTTPIngressPath: {
      path: '1 string omitempty',
      pathType: '3 *string omitempty',
      backend: '2 IngressBackend',
    },
    IngressBackend: {
      serviceName: '1 string omitempty',
      servicePort: '2 intstr.IntOrString omitempty',
      resource: '3 *core.TypedLocalObjectReference omitempty',
    },
    ReplicaSet: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ReplicaSetSpec omitempty',
      status: '3 ReplicaSetStatus omitempty',
    },
    ReplicaSetList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ReplicaSet',
    },
    ReplicaSetSpec: {
      replicas: '1 *int32 omitempty',
      minReadySeconds: '4 int32 omitempty',
      selector: '2 *meta.LabelSelector omitempty',
      template: '3 core.PodTemplateSpec omitempty',
    },
    ReplicaSetStatus: {
      replicas: '1 int32',
      fullyLabeledReplicas: '2 int32 omitempty',
      readyReplicas: '4 int32 omitempty',
      availableReplicas: '5 int32 omitempty',
      terminatingReplicas: '7 *int32 omitempty',
      observedGeneration: '3 int64 omitempty',
      conditions: '6 []ReplicaSetCondition omitempty',
    },
    ReplicaSetCondition: {
      type: '1 string',
      status: '2 string',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    NetworkPolicy: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 NetworkPolicySpec omitempty',
    },
    NetworkPolicySpec: {
      podSelector: '1 meta.LabelSelector',
      ingress: '2 []NetworkPolicyIngressRule omitempty',
      egress: '3 []NetworkPolicyEgressRule omitempty',
      policyTypes: '4 []string omitempty',
    },
    NetworkPolicyIngressRule: {
      ports: '1 []NetworkPolicyPort omitempty',
      from: '2 []NetworkPolicyPeer omitempty',
    },
    NetworkPolicyEgressRule: {
      ports: '1 []NetworkPolicyPort omitempty',
      to: '2 []NetworkPolicyPeer omitempty',
    },
    NetworkPolicyPort: {
      protocol: '1 *string omitempty',
      port: '2 *intstr.IntOrString omitempty',
      // The tag says bytes, but an int32 travels as a varint.
      endPort: '3 *int32 omitempty',
    },
    IPBlock: {
      cidr: '1 string',
      except: '2 []string omitempty',
    },
    NetworkPolicyPeer: {
      podSelector: '1 *meta.LabelSelector omitempty',
      namespaceSelector: '2 *meta.LabelSelector omitempty',
      // The tag says rep, but the Go field is a single pointer.
      ipBlock: '3 *IPBlock omitempty',
    },
    NetworkPolicyList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []NetworkPolicy',
    },
  },
};
