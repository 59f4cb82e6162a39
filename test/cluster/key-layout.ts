/**
 * Where kube-apiserver stores each kind in etcd: `<prefix>/<resource>/[<namespace>/]<name>`, with the resource
 * names the storage layer uses (field notes §3). Kinds that are never stored (reviews, options, Scale, ...) are absent.
 */

interface StoredKind {
  resource: string;
  namespaced: boolean;
}

const cluster = (resource: string): StoredKind => ({ resource, namespaced: false });
const namespaced = (resource: string): StoredKind => ({ resource, namespaced: true });

/** By kind: built-in kinds of the same name in different groups share one resource (Event, Ingress, Deployment). */
const STORED_KINDS: Record<string, StoredKind> = {
  // core
  ConfigMap: namespaced('configmaps'),
  Endpoints: namespaced('services/endpoints'),
  Event: namespaced('events'),
  LimitRange: namespaced('limitranges'),
  Namespace: cluster('namespaces'),
  Node: cluster('minions'),
  PersistentVolume: cluster('persistentvolumes'),
  PersistentVolumeClaim: namespaced('persistentvolumeclaims'),
  Pod: namespaced('pods'),
  PodTemplate: namespaced('podtemplates'),
  ReplicationController: namespaced('controllers'),
  ResourceQuota: namespaced('resourcequotas'),
  Secret: namespaced('secrets'),
  Service: namespaced('services/specs'),
  ServiceAccount: namespaced('serviceaccounts'),
  // admissionregistration.k8s.io
  MutatingAdmissionPolicy: cluster('mutatingadmissionpolicies'),
  MutatingAdmissionPolicyBinding: cluster('mutatingadmissionpolicybindings'),
  MutatingWebhookConfiguration: cluster('mutatingwebhookconfigurations'),
  ValidatingAdmissionPolicy: cluster('validatingadmissionpolicies'),
  ValidatingAdmissionPolicyBinding: cluster('validatingadmissionpolicybindings'),
  ValidatingWebhookConfiguration: cluster('validatingwebhookconfigurations'),
  // apps, batch, autoscaling, policy
  ControllerRevision: namespaced('controllerrevisions'),
  DaemonSet: namespaced('daemonsets'),
  Deployment: namespaced('deployments'),
  ReplicaSet: namespaced('replicasets'),
  StatefulSet: namespaced('statefulsets'),
  CronJob: namespaced('cronjobs'),
  Job: namespaced('jobs'),
  HorizontalPodAutoscaler: namespaced('horizontalpodautoscalers'),
  PodDisruptionBudget: namespaced('poddisruptionbudgets'),
  // certificates, coordination
  CertificateSigningRequest: cluster('certificatesigningrequests'),
  ClusterTrustBundle: cluster('clustertrustbundles'),
  PodCertificateRequest: namespaced('podcertificaterequests'),
  Lease: namespaced('leases'),
  LeaseCandidate: namespaced('leasecandidates'),
  EvictionRequest: namespaced('evictionrequests'),
  // discovery, networking
  EndpointSlice: namespaced('endpointslices'),
  Ingress: namespaced('ingress'),
  IngressClass: cluster('ingressclasses'),
  IPAddress: cluster('ipaddresses'),
  NetworkPolicy: namespaced('networkpolicies'),
  ServiceCIDR: cluster('servicecidrs'),
  // flowcontrol, internal, storagemigration
  FlowSchema: cluster('flowschemas'),
  PriorityLevelConfiguration: cluster('prioritylevelconfigurations'),
  StorageVersion: cluster('storageversions'),
  StorageVersionMigration: cluster('storageversionmigrations'),
  // node, scheduling
  RuntimeClass: cluster('runtimeclasses'),
  PriorityClass: cluster('priorityclasses'),
  Workload: namespaced('workloads'),
  PodGroup: namespaced('podgroups'),
  CompositePodGroup: namespaced('compositepodgroups'),
  // rbac
  ClusterRole: cluster('clusterroles'),
  ClusterRoleBinding: cluster('clusterrolebindings'),
  Role: namespaced('roles'),
  RoleBinding: namespaced('rolebindings'),
  // resource.k8s.io
  DeviceClass: cluster('deviceclasses'),
  DeviceTaintRule: cluster('devicetaintrules'),
  ResourceClaim: namespaced('resourceclaims'),
  ResourceClaimTemplate: namespaced('resourceclaimtemplates'),
  ResourcePoolStatusRequest: cluster('resourcepoolstatusrequests'),
  ResourceSlice: cluster('resourceslices'),
  // storage.k8s.io
  CSIDriver: cluster('csidrivers'),
  CSINode: cluster('csinodes'),
  CSIStorageCapacity: namespaced('csistoragecapacities'),
  StorageClass: cluster('storageclasses'),
  VolumeAttachment: cluster('volumeattachments'),
  VolumeAttributesClass: cluster('volumeattributesclasses'),
  // groups whose resources carry the group in the key
  CustomResourceDefinition: cluster('apiextensions.k8s.io/customresourcedefinitions'),
  APIService: cluster('apiregistration.k8s.io/apiservices'),
};

/** Kinds stored under a fixed key rather than by name. */
const SPECIAL_KEYS: Record<string, string> = { RangeAllocation: 'ranges/serviceips' };

export interface ObjectIdentity {
  kind: string;
  name: string;
  namespace?: string | undefined;
}

/** The etcd key kube-apiserver would store this built-in object under; undefined for kinds it never stores. */
export function storageKey(prefix: string, object: ObjectIdentity): string | undefined {
  const special = SPECIAL_KEYS[object.kind];
  if (special) return `${prefix}/${special}`;
  const stored = STORED_KINDS[object.kind];
  if (!stored) return undefined;
  if (stored.namespaced) return `${prefix}/${stored.resource}/${object.namespace ?? 'default'}/${object.name}`;
  return `${prefix}/${stored.resource}/${object.name}`;
}

/** The key of a custom resource: `<prefix>/<group>/<plural>/[<namespace>/]<name>`. */
export function customResourceKey(prefix: string, group: string, plural: string, name: string, namespace?: string): string {
  return namespace === undefined ? `${prefix}/${group}/${plural}/${name}` : `${prefix}/${group}/${plural}/${namespace}/${name}`;
}
