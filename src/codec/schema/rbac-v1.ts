import type { MessageSpec, PackageSchema } from './types.js';

/** Exported by name so that other versions can serve the messages they share with this one. */
export const messages = {
  PolicyRule: {
    verbs: '1 []string',
    apiGroups: '2 []string omitempty',
    resources: '3 []string omitempty',
    resourceNames: '4 []string omitempty',
    nonResourceURLs: '5 []string omitempty',
  },
  Subject: {
    kind: '1 string',
    apiGroup: '2 string omitempty',
    name: '3 string',
    namespace: '4 string omitempty',
  },
  RoleRef: {
    apiGroup: '1 string',
    kind: '2 string',
    name: '3 string',
  },
  Role: {
    metadata: '1 meta.ObjectMeta omitempty',
    rules: '2 []PolicyRule',
  },
  RoleBinding: {
    metadata: '1 meta.ObjectMeta omitempty',
    subjects: '2 []Subject omitempty',
    roleRef: '3 RoleRef',
  },
  RoleBindingList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []RoleBinding',
  },
  RoleList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []Role',
  },
  ClusterRole: {
    metadata: '1 meta.ObjectMeta omitempty',
    rules: '2 []PolicyRule',
    aggregationRule: '3 *AggregationRule omitempty',
  },
  AggregationRule: {
    clusterRoleSelectors: '1 []meta.LabelSelector omitempty',
  },
  ClusterRoleBinding: {
    metadata: '1 meta.ObjectMeta omitempty',
    subjects: '2 []Subject omitempty',
    roleRef: '3 RoleRef',
  },
  ClusterRoleBindingList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []ClusterRoleBinding',
  },
  ClusterRoleList: {
    metadata: '1 meta.ListMeta omitempty',
    items: '2 []ClusterRole',
  },
} as const satisfies Record<string, MessageSpec>;

export const schema: PackageSchema = {
  proto: 'k8s.io.api.rbac.v1',
  groupVersion: 'rbac.authorization.k8s.io/v1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages,
};
