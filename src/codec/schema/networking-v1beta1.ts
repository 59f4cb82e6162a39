import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.networking.v1beta1',
  groupVersion: 'networking.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  },
  messages: {
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
    IngressClass: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 IngressClassSpec omitempty',
    },
    IngressClassSpec: {
      controller: '1 string omitempty',
      parameters: '2 *IngressClassParametersReference omitempty',
    },
    IngressClassParametersReference: {
      apiGroup: '1 *string omitempty',
      kind: '2 string',
      name: '3 string',
      scope: '4 *string',
      namespace: '5 *string omitempty',
    },
    IngressClassList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []IngressClass',
    },
    IPAddress: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 IPAddressSpec omitempty',
    },
    IPAddressSpec: {
      parentRef: '1 *ParentReference omitempty',
    },
    ParentReference: {
      group: '1 string omitempty',
      resource: '2 string omitempty',
      namespace: '3 string omitempty',
      name: '4 string omitempty',
    },
    IPAddressList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []IPAddress',
    },
    ServiceCIDR: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 ServiceCIDRSpec omitempty',
      status: '3 ServiceCIDRStatus omitempty',
    },
    ServiceCIDRSpec: {
      cidrs: '1 []string omitempty',
    },
    ServiceCIDRStatus: {
      conditions: '1 []meta.Condition omitempty',
    },
    ServiceCIDRList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ServiceCIDR',
    },
  },
};
