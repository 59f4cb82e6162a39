import type { PackageSchema } from './types.js';
import { messages as v1 } from './rbac-v1.js';

/** rbac/v1alpha1: PolicyRule (numbering) and Subject (apiVersion) are its own; the rest is v1's field for field. */
export const schema: PackageSchema = {
  proto: 'k8s.io.api.rbac.v1alpha1',
  groupVersion: 'rbac.authorization.k8s.io/v1alpha1',
  imports: {
    meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  },
  messages: {
    PolicyRule: {
      verbs: '1 []string',
      apiGroups: '3 []string omitempty',
      resources: '4 []string omitempty',
      resourceNames: '5 []string omitempty',
      nonResourceURLs: '6 []string omitempty',
    },
    Subject: {
      kind: '1 string',
      apiVersion: '2 string omitempty',
      name: '3 string',
      namespace: '4 string omitempty',
    },
    RoleRef: v1.RoleRef,
    Role: v1.Role,
    RoleBinding: v1.RoleBinding,
    RoleBindingList: v1.RoleBindingList,
    RoleList: v1.RoleList,
    ClusterRole: v1.ClusterRole,
    AggregationRule: v1.AggregationRule,
    ClusterRoleBinding: v1.ClusterRoleBinding,
    ClusterRoleBindingList: v1.ClusterRoleBindingList,
    ClusterRoleList: v1.ClusterRoleList,
  },
};
