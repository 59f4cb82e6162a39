import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.admission.v1',
  groupVersion: 'admission.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
    runtime: 'k8s.io.apimachinery.pkg.runtime',
    authenticationv1: 'k8s.io.api.authentication.v1',
  },
  messages: {
    AdmissionReview: {
      request: '1 *AdmissionRequest omitempty',
      response: '2 *AdmissionResponse omitempty',
    },
    AdmissionRequest: {
      uid: '1 string',
      kind: '2 meta.GroupVersionKind',
      resource: '3 meta.GroupVersionResource',
      subResource: '4 string omitempty',
      requestKind: '13 *meta.GroupVersionKind omitempty',
      requestResource: '14 *meta.GroupVersionResource omitempty',
      requestSubResource: '15 string omitempty',
      name: '5 string omitempty',
      namespace: '6 string omitempty',
      operation: '7 string',
      userInfo: '8 authenticationv1.UserInfo',
      object: '9 runtime.RawExtension omitempty',
      oldObject: '10 runtime.RawExtension omitempty',
      dryRun: '11 *bool omitempty',
      options: '12 runtime.RawExtension omitempty',
    },
    AdmissionResponse: {
      uid: '1 string',
      allowed: '2 bool',
      status: '3 *meta.Status omitempty',
      patch: '4 bytes omitempty',
      patchType: '5 *string omitempty',
      auditAnnotations: '6 map[string]string omitempty',
      warnings: '7 []string omitempty',
    },
  },
};
