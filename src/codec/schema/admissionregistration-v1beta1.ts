import { sameAs, type PackageSchema } from './types.js';
import { admissionPolicyMessages, schema as admissionregistrationV1 } from './admissionregistration-v1.js';

/** admissionregistration/v1beta1: v1's admission policies; its webhooks keep sideEffects and review versions optional. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.admissionregistration.v1beta1',
  groupVersion: 'admissionregistration.k8s.io/v1beta1',
  imports: admissionregistrationV1.imports,
  messages: {
    ...admissionPolicyMessages,
    ValidatingWebhookConfiguration: sameAs(admissionregistrationV1, 'ValidatingWebhookConfiguration'),
    ValidatingWebhookConfigurationList: sameAs(admissionregistrationV1, 'ValidatingWebhookConfigurationList'),
    MutatingWebhookConfiguration: sameAs(admissionregistrationV1, 'MutatingWebhookConfiguration'),
    MutatingWebhookConfigurationList: sameAs(admissionregistrationV1, 'MutatingWebhookConfigurationList'),
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
    WebhookClientConfig: sameAs(admissionregistrationV1, 'WebhookClientConfig'),
    ServiceReference: sameAs(admissionregistrationV1, 'ServiceReference'),
  },
};
