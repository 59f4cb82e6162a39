import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1',
  groupVersion: 'apiregistration.k8s.io/v1beta1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    APIServiceList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []APIService',
    },
    ServiceReference: {
      namespace: '1 string omitempty',
      name: '2 string omitempty',
      port: '3 *int32 omitempty',
    },
    APIServiceSpec: {
      service: '1 *ServiceReference',
      group: '2 string omitempty',
      version: '3 string omitempty',
      insecureSkipTLSVerify: '4 bool omitempty',
      caBundle: '5 bytes omitempty',
      groupPriorityMinimum: '7 int32',
      versionPriority: '8 int32',
    },
    APIServiceCondition: {
      type: '1 string',
      status: '2 string',
      lastTransitionTime: '3 meta.Time omitempty',
      reason: '4 string omitempty',
      message: '5 string omitempty',
    },
    APIServiceStatus: {
      conditions: '1 []APIServiceCondition omitempty',
    },
    APIService: {
      metadata: '1 meta.ObjectMeta omitempty',
      spec: '2 APIServiceSpec omitempty',
      status: '3 APIServiceStatus omitempty',
    },
  },
};
