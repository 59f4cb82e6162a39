import type { PackageSchema } from './types.js';
import { schema as apiextensionsV1 } from './apiextensions-v1.js';

// v1beta1 has no WebhookConversion: its conversion holds the webhook client config directly.
const { WebhookConversion: _v1Only, ...v1Messages } = apiextensionsV1.messages;

/** apiextensions/v1beta1: v1's types, with the older CRD spec, conversion and printer column shapes. */
export const schema: PackageSchema = {
  proto: 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1',
  groupVersion: 'apiextensions.k8s.io/v1beta1',
  imports: apiextensionsV1.imports,
  messages: {
    ...v1Messages,
    CustomResourceDefinitionSpec: {
      group: '1 string',
      version: '2 string omitempty',
      names: '3 CustomResourceDefinitionNames',
      scope: '4 string',
      validation: '5 *CustomResourceValidation omitempty',
      subresources: '6 *CustomResourceSubresources omitempty',
      versions: '7 []CustomResourceDefinitionVersion omitempty',
      additionalPrinterColumns: '8 []CustomResourceColumnDefinition omitempty',
      selectableFields: '11 []SelectableField omitempty',
      conversion: '9 *CustomResourceConversion omitempty',
      preserveUnknownFields: '10 *bool omitempty',
    },
    CustomResourceConversion: {
      strategy: '1 string',
      webhookClientConfig: '2 *WebhookClientConfig omitempty',
      conversionReviewVersions: '3 []string omitempty',
    },
    CustomResourceColumnDefinition: {
      name: '1 string',
      type: '2 string',
      format: '3 string omitempty',
      description: '4 string omitempty',
      priority: '5 int32 omitempty',
      JSONPath: '6 string',
    },
  },
};
