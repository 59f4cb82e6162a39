import type { PackageSchema } from './types.js';
import { messages as v1 } from './networking-v1.js';

/** networking/v1beta1: Ingress spec, path and backend are its own; every other message is v1's field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.networking.v1beta1',
  groupVersion: 'networking.k8s.io/v1beta1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    core: 'k8s.io.api.core.v1',
    intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  },
  messages: {
    Ingress: v1.Ingress,
    IngressList: v1.IngressList,
    IngressSpec: {
      ingressClassName: '4 *string omitempty',
      backend: '1 *IngressBackend omitempty',
      tls: '2 []IngressTLS omitempty',
      rules: '3 []IngressRule omitempty',
    },
    IngressTLS: v1.IngressTLS,
    IngressStatus: v1.IngressStatus,
    IngressLoadBalancerStatus: v1.IngressLoadBalancerStatus,
    IngressLoadBalancerIngress: v1.IngressLoadBalancerIngress,
    IngressPortStatus: v1.IngressPortStatus,
    IngressRule: v1.IngressRule,
    IngressRuleValue: v1.IngressRuleValue,
    HTTPIngressRuleValue: v1.HTTPIngressRuleValue,
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
    IngressClass: v1.IngressClass,
    IngressClassSpec: v1.IngressClassSpec,
    IngressClassParametersReference: v1.IngressClassParametersReference,
    IngressClassList: v1.IngressClassList,
    IPAddress: v1.IPAddress,
    IPAddressSpec: v1.IPAddressSpec,
    ParentReference: v1.ParentReference,
    IPAddressList: v1.IPAddressList,
    ServiceCIDR: v1.ServiceCIDR,
    ServiceCIDRSpec: v1.ServiceCIDRSpec,
    ServiceCIDRStatus: v1.ServiceCIDRStatus,
    ServiceCIDRList: v1.ServiceCIDRList,
  },
};
