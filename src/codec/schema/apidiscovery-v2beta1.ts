import type { PackageSchema } from './types.js';

export const schema: PackageSchema = {
  proto: 'k8s.io.api.apidiscovery.v2beta1',
  groupVersion: 'apidiscovery.k8s.io/v2beta1',
  imports: { meta: 'k8s.io.apimachinery.pkg.apis.meta.v1' },
  messages: {
    APIGroupDiscoveryList: {
      metadata: '1 meta.ListMeta omitempty',
      items: '2 []APIGroupDiscovery',
    },
    APIGroupDiscovery: {
      metadata: '1 meta.ObjectMeta omitempty',
      versions: '2 []APIVersionDiscovery omitempty',
    },
    APIVersionDiscovery: {
      version: '1 string',
      resources: '2 []APIResourceDiscovery omitempty',
      freshness: '3 string omitempty',
    },
    APIResourceDiscovery: {
      resource: '1 string',
      responseKind: '2 *meta.GroupVersionKind omitempty',
      scope: '3 string',
      singularResource: '4 string',
      verbs: '5 []string',
      shortNames: '6 []string omitempty',
      categories: '7 []string omitempty',
      subresources: '8 []APISubresourceDiscovery omitempty',
    },
    APISubresourceDiscovery: {
      subresource: '1 string',
      responseKind: '2 *meta.GroupVersionKind omitempty',
      acceptedTypes: '3 []meta.GroupVersionKind omitempty',
      verbs: '4 []string',
    },
  },
};
