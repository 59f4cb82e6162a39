import type { PackageSchema } from './types.js';
import { admissionPolicyMessages, schema as admissionregistrationV1 } from './admissionregistration-v1.js';

/** admissionregistration/v1beta1: v1's admission policies; its webhooks keep sideEffects and review versions optional. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1beta1',
  groupVersion: 'admissionregistration.k8s.io/v1beta1',
  imports: admissionregistrationV1.imports,
  messages: {
    ...admissionPolicyMessages,
    ValidatingWebhookConfiguration: {
      metadata: '1 meta.ObjectMeta omitempty',
      webhooks: '2 []ValidatingWebhook omitempty',
    },
    ValidatingWebhookConfigurationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []ValidatingWebhookConfiguration',
    },
    MutatingWebhookConfiguration: {
      metadata: '1 meta.ObjectMeta omitempty',
      webhooks: '2 []MutatingWebhook omitempty',
    },
    MutatingWebhookConfigurationList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []MutatingWebhookConfiguration',
    },
    ValidatingWebhook: {
      name: '1 string',
      clientConfig: '2 WebhookClientConfig',
      rules: '3 []admissionregistrationv1.RuleWithOperations omitempty',
      failurePolicy: '4 *string omitempty',
      matchPolicy: '9 *string omitempty',
      namespaceSelector: '5 *meta.LabelSelector omitempty',
      objectSelector: '10 *meta.LabelSelector omitempty',
      sideEffects: '6 *string omitempty',
      timeoutSeconds: '7 *int32 omitempty',
      admissionReviewVersions: '8 []string omitempty',
      matchConditions: '11 []MatchCondition omitempty',
    },
    MutatingWebhook: {
      name: '1 string',
      clientConfig: '2 WebhookClientConfig',
      rules: '3 []admissionregistrationv1.RuleWithOperations omitempty',
      failurePolicy: '4 *string omitempty',
      matchPolicy: '9 *string omitempty',
      namespaceSelector: '5 *meta.LabelSelector omitempty',
      objectSelector: '11 *meta.LabelSelector omitempty',
      sideEffects: '6 *string omitempty',
      timeoutSeconds: '7 *int32 omitempty',
      admissionReviewVersions: '8 []string omitempty',
      reinvocationPolicy: '10 *string omitempty',
      matchConditions: '12 []MatchCondition omitempty',
    },
    WebhookClientConfig: {
      url: '3 *string omitempty',
      service: '1 *ServiceReference omitempty',
      caBundle: '2 bytes omitempty',
    },
    ServiceReference: {
      namespace: '1 string',
      name: '2 string',
      path: '3 *string omitempty',
      port: '4 *int32 omitempty',
    },
  },
};
