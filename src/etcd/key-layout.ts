/**
 * Where kube-apiserver keeps each resource in etcd, both ways: a resource as kubectl names it (`deploy`, `pods`,
 * `crontabs.stable.example.com`) to a key or key prefix, and a key back to its resource, namespace and name.
 * Keys are `<prefix>/<storage path>/[<namespace>/]<name>`; the storage path is the plural resource name, except
 * for a few historical names (minions, services/specs, ...) and custom resources, CRDs and APIServices, whose
 * path starts with their group (field notes §3).
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../codec/value.js';

export interface ResourceType {
  /** Lowercase plural, as kubectl names it: `deployments`. */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  /** `''` for the core group. */
  readonly group: string;
  /** The version a value stored without apiVersion/kind is read as. */
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  /** The key segments after the prefix: `deployments`, `minions`, `stable.example.com/crontabs`. */
  readonly storagePath: string;
}

const NAMESPACED = true;
const CLUSTER = false;

function builtin(groupVersion: string, kind: string, resource: string, namespaced: boolean, shortNames: string[] = [], storagePath = resource): ResourceType {
  const slash = groupVersion.indexOf('/');
  return {
    resource,
    singular: kind.toLowerCase(),
    kind,
    group: slash < 0 ? '' : groupVersion.slice(0, slash),
    version: groupVersion.slice(slash + 1),
    namespaced,
    shortNames,
    storagePath,
  };
}

/**
 * The built-in resources kube-apiserver stores, in kubectl's order of preference when a name is ambiguous (core
 * first: `events` is the core Event, whose key events.k8s.io shares).
 */
export const builtinResourceTypes: readonly ResourceType[] = [
  builtin('v1', 'ConfigMap', 'configmaps', NAMESPACED, ['cm']),
  builtin('v1', 'Endpoints', 'endpoints', NAMESPACED, ['ep'], 'services/endpoints'),
  builtin('v1', 'Event', 'events', NAMESPACED, ['ev']),
  builtin('v1', 'LimitRange', 'limitranges', NAMESPACED, ['limits']),
  builtin('v1', 'Namespace', 'namespaces', CLUSTER, ['ns']),
  builtin('v1', 'Node', 'nodes', CLUSTER, ['no'], 'minions'),
  builtin('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', NAMESPACED, ['pvc']),
  builtin('v1', 'PersistentVolume', 'persistentvolumes', CLUSTER, ['pv']),
  builtin('v1', 'Pod', 'pods', NAMESPACED, ['po']),
  builtin('v1', 'PodTemplate', 'podtemplates', NAMESPACED),
  builtin('v1', 'ReplicationController', 'replicationcontrollers', NAMESPACED, ['rc'], 'controllers'),
  builtin('v1', 'ResourceQuota', 'resourcequotas', NAMESPACED, ['quota']),
  builtin('v1', 'Secret', 'secrets', NAMESPACED),
  builtin('v1', 'ServiceAccount', 'serviceaccounts', NAMESPACED, ['sa']),
  builtin('v1', 'Service', 'services', NAMESPACED, ['svc'], 'services/specs'),
  builtin('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy', 'mutatingadmissionpolicies', CLUSTER),
  builtin('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', CLUSTER),
  builtin('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', CLUSTER),
  builtin('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', CLUSTER),
  builtin('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', CLUSTER),
  builtin('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', CLUSTER),
  builtin('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', CLUSTER, ['crd', 'crds'], 'apiextensions.k8s.io/customresourcedefinitions'),
  builtin('apiregistration.k8s.io/v1', 'APIService', 'apiservices', CLUSTER, [], 'apiregistration.k8s.io/apiservices'),
  builtin('apps/v1', 'ControllerRevision', 'controllerrevisions', NAMESPACED),
  builtin('apps/v1', 'DaemonSet', 'daemonsets', NAMESPACED, ['ds']),
  builtin('apps/v1', 'Deployment', 'deployments', NAMESPACED, ['deploy']),
  builtin('apps/v1', 'ReplicaSet', 'replicasets', NAMESPACED, ['rs']),
  builtin('apps/v1', 'StatefulSet', 'statefulsets', NAMESPACED, ['sts']),
  builtin('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', NAMESPACED, ['hpa']),
  builtin('batch/v1', 'CronJob', 'cronjobs', NAMESPACED, ['cj']),
  builtin('batch/v1', 'Job', 'jobs', NAMESPACED),
  builtin('certificates.k8s.io/v1', 'CertificateSigningRequest', 'certificatesigningrequests', CLUSTER, ['csr']),
  builtin('certificates.k8s.io/v1', 'ClusterTrustBundle', 'clustertrustbundles', CLUSTER),
  builtin('certificates.k8s.io/v1', 'PodCertificateRequest', 'podcertificaterequests', NAMESPACED),
  builtin('coordination.k8s.io/v1', 'Lease', 'leases', NAMESPACED),
  builtin('coordination.k8s.io/v1alpha2', 'LeaseCandidate', 'leasecandidates', NAMESPACED),
  builtin('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', NAMESPACED),
  builtin('events.k8s.io/v1', 'Event', 'events', NAMESPACED, ['ev']),
  builtin('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', 'flowschemas', CLUSTER),
  builtin('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', CLUSTER),
  builtin('internal.apiserver.k8s.io/v1alpha1', 'StorageVersion', 'storageversions', CLUSTER),
  builtin('lifecycle.k8s.io/v1alpha1', 'EvictionRequest', 'evictionrequests', NAMESPACED),
  builtin('networking.k8s.io/v1', 'IngressClass', 'ingressclasses', CLUSTER),
  builtin('networking.k8s.io/v1', 'Ingress', 'ingresses', NAMESPACED, ['ing'], 'ingress'),
  builtin('networking.k8s.io/v1', 'IPAddress', 'ipaddresses', CLUSTER, ['ip']),
  builtin('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', NAMESPACED, ['netpol']),
  builtin('networking.k8s.io/v1', 'ServiceCIDR', 'servicecidrs', CLUSTER),
  builtin('node.k8s.io/v1', 'RuntimeClass', 'runtimeclasses', CLUSTER),
  builtin('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', NAMESPACED, ['pdb']),
  builtin('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', CLUSTER),
  builtin('rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', CLUSTER),
  builtin('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', NAMESPACED),
  builtin('rbac.authorization.k8s.io/v1', 'Role', 'roles', NAMESPACED),
  builtin('resource.k8s.io/v1', 'DeviceClass', 'deviceclasses', CLUSTER),
  builtin('resource.k8s.io/v1', 'DeviceTaintRule', 'devicetaintrules', CLUSTER),
  builtin('resource.k8s.io/v1', 'ResourceClaim', 'resourceclaims', NAMESPACED),
  builtin('resource.k8s.io/v1', 'ResourceClaimTemplate', 'resourceclaimtemplates', NAMESPACED),
  builtin('resource.k8s.io/v1', 'ResourceSlice', 'resourceslices', CLUSTER),
  builtin('resource.k8s.io/v1alpha3', 'ResourcePoolStatusRequest', 'resourcepoolstatusrequests', CLUSTER),
  builtin('scheduling.k8s.io/v1', 'PriorityClass', 'priorityclasses', CLUSTER, ['pc']),
  builtin('scheduling.k8s.io/v1alpha3', 'CompositePodGroup', 'compositepodgroups', NAMESPACED),
  builtin('scheduling.k8s.io/v1beta1', 'PodGroup', 'podgroups', NAMESPACED),
  builtin('scheduling.k8s.io/v1beta1', 'Workload', 'workloads', NAMESPACED),
  builtin('storage.k8s.io/v1', 'CSIDriver', 'csidrivers', CLUSTER),
  builtin('storage.k8s.io/v1', 'CSINode', 'csinodes', CLUSTER),
  builtin('storage.k8s.io/v1', 'CSIStorageCapacity', 'csistoragecapacities', NAMESPACED),
  builtin('storage.k8s.io/v1', 'StorageClass', 'storageclasses', CLUSTER, ['sc']),
  builtin('storage.k8s.io/v1', 'VolumeAttachment', 'volumeattachments', CLUSTER),
  builtin('storage.k8s.io/v1', 'VolumeAttributesClass', 'volumeattributesclasses', CLUSTER, ['vac']),
  builtin('storagemigration.k8s.io/v1', 'StorageVersionMigration', 'storageversionmigrations', CLUSTER),
];

/**
 * Keys that are not objects of a resource but hold values of a known type: the API servers' leases on the
 * `kubernetes` Service endpoints, and the allocation bitmaps of Service IPs and node ports.
 */
const systemKeyTypes: readonly ResourceType[] = [
  builtin('v1', 'Endpoints', 'masterleases', CLUSTER),
  builtin('v1', 'RangeAllocation', 'ranges', CLUSTER),
];

/** The storage path of a custom resource (and of the CRD-like groups): `<group>/<plural>`. */
function groupedStoragePath(group: string, plural: string): string {
  return `${group}/${plural}`;
}

/** The prefix without a trailing slash: `--etcd-prefix /registry/` and `/registry` name the same keys. */
export function normalizePrefix(prefix: string): string {
  return prefix.replace(/\/+$/, '');
}

// ---- names to resources ----

/** What a resource name on the command line resolves to before any lookup in etcd. */
export type ResourceName =
  | { readonly kind: 'builtin'; readonly type: ResourceType }
  /** `<plural>.<group>` of no built-in group: a custom resource whose CRD says its scope. */
  | { readonly kind: 'custom'; readonly name: string; readonly group: string }
  /** No built-in name: a custom resource's plural, singular, short name or kind, found through the CRDs. */
  | { readonly kind: 'unknown'; readonly name: string };

function namesOf(type: ResourceType): string[] {
  return [type.resource, type.singular, ...type.shortNames];
}

const VERSION_SEGMENT = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** `deployments.v1.apps` and `deployments.apps` name the group `apps`; the version does not change the key. */
function withoutVersion(groupPart: string): string {
  const dot = groupPart.indexOf('.');
  return dot > 0 && VERSION_SEGMENT.test(groupPart.slice(0, dot)) ? groupPart.slice(dot + 1) : groupPart;
}

/**
 * Resolves a resource as kubectl accepts it: plural, singular, short name or kind (any case), optionally
 * qualified with `.<group>` or `.<version>.<group>`.
 */
export function resolveResourceName(text: string): ResourceName {
  const name = text.toLowerCase();
  const whole = builtinResourceTypes.find((type) => namesOf(type).includes(name));
  if (whole !== undefined) return { kind: 'builtin', type: whole };
  const dot = name.indexOf('.');
  if (dot <= 0) return { kind: 'unknown', name };
  const head = name.slice(0, dot);
  const group = withoutVersion(name.slice(dot + 1));
  const qualified = builtinResourceTypes.find((type) => type.group === group && namesOf(type).includes(head));
  if (qualified !== undefined) return { kind: 'builtin', type: qualified };
  return { kind: 'custom', name: head, group };
}

// ---- custom resources, through their CustomResourceDefinitions ----

const crdType = builtinResourceTypes.find((type) => type.resource === 'customresourcedefinitions') as ResourceType;

/** The key prefix under which every CRD is stored (with its trailing slash). */
export function crdKeyPrefix(prefix: string): string {
  return `${normalizePrefix(prefix)}/${crdType.storagePath}/`;
}

/** The key of the CRD of `<plural>.<group>`: CRDs are named after what they define. */
export function crdKey(prefix: string, plural: string, group: string): string {
  return `${crdKeyPrefix(prefix)}${plural}.${group}`;
}

function stringField(object: JsonValue | undefined, field: string): string | undefined {
  const value = isJsonObject(object) ? object[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function storageVersion(spec: JsonObject): string {
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isJsonObject) : [];
  const stored = versions.find((v) => v['storage'] === true) ?? versions[0];
  return stringField(stored, 'name') ?? stringField(spec, 'version') ?? '';
}

/** The resource a CustomResourceDefinition defines (v1 or the v1beta1 form the API server stores); undefined when it is not one. */
export function resourceTypeFromCrd(crd: JsonObject): ResourceType | undefined {
  const spec = crd['spec'];
  if (!isJsonObject(spec)) return undefined;
  const names = spec['names'];
  const group = stringField(spec, 'group');
  const plural = stringField(names, 'plural');
  const kind = stringField(names, 'kind');
  if (group === undefined || plural === undefined || kind === undefined || !isJsonObject(names)) return undefined;
  const shortNames = Array.isArray(names['shortNames']) ? names['shortNames'].filter((s): s is string => typeof s === 'string') : [];
  return {
    resource: plural,
    singular: stringField(names, 'singular') || kind.toLowerCase(),
    kind,
    group,
    version: storageVersion(spec),
    namespaced: spec['scope'] !== 'Cluster',
    shortNames,
    storagePath: groupedStoragePath(group, plural),
  };
}

/** Whether a name (lowercase) from the command line names this custom resource type: plural, singular, short name or kind. */
export function namesResourceType(type: ResourceType, name: string): boolean {
  return namesOf(type).includes(name) || type.kind.toLowerCase() === name;
}

// ---- resources to keys ----

/** The keys a request covers: one key, or every key under a prefix. */
export type KeyRange = { readonly key: string; readonly exact: boolean };

export interface ObjectSelector {
  /** One object; all of them when absent. */
  readonly name?: string;
  /** The namespace of a namespaced resource; every namespace when absent. Cluster-scoped resources ignore it. */
  readonly namespace?: string;
}

/** The key (name given) or key prefix (ending in `/`) of the objects of a resource in etcd. */
export function resourceKeyRange(prefix: string, type: ResourceType, selector: ObjectSelector): KeyRange {
  const base = `${normalizePrefix(prefix)}/${type.storagePath}/`;
  const scope = type.namespaced && selector.namespace !== undefined ? `${base}${selector.namespace}/` : base;
  if (selector.name === undefined) return { key: scope, exact: false };
  if (type.namespaced && selector.namespace === undefined) throw new Error(`${type.resource} are namespaced: name the namespace of ${selector.name}`);
  return { key: `${scope}${selector.name}`, exact: true };
}

// ---- keys to resources ----

export interface KeyAddress {
  /** What the key's path says it stores; undefined for keys outside the layout. */
  readonly type: ResourceType | undefined;
  /** The resource as kubectl names it: `deployments`, `nodes`, or `<plural>.<group>` for a custom resource. */
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

const typesByStoragePath = new Map<string, ResourceType>();
for (const type of [...systemKeyTypes, ...builtinResourceTypes].reverse()) typesByStoragePath.set(type.storagePath, type);

/** Splits `<namespace>/<name>` or `<name>` (names and namespaces never hold a slash). */
function objectPart(rest: readonly string[], namespaced: boolean | undefined): { namespace: string | undefined; name: string } | undefined {
  if (rest.length === 1 && namespaced !== true) return { namespace: undefined, name: rest[0] as string };
  if (rest.length === 2 && namespaced !== false) return { namespace: rest[0] as string, name: rest[1] as string };
  return undefined;
}

/**
 * What a key stores: resource, namespace, name, and for built-in resources the type (its apiVersion and kind
 * are the ones to read a value stored without them as). Undefined for keys outside `<prefix>/` or the layout.
 */
export function parseKey(prefix: string, key: string): KeyAddress | undefined {
  const base = `${normalizePrefix(prefix)}/`;
  if (!key.startsWith(base)) return undefined;
  const segments = key.slice(base.length).split('/');
  for (const length of [2, 1]) {
    const type = typesByStoragePath.get(segments.slice(0, length).join('/'));
    if (type === undefined) continue;
    const object = objectPart(segments.slice(length), type.namespaced);
    return object === undefined ? undefined : { type, resource: type.resource, ...object };
  }
  const [first, second] = segments;
  if (first === undefined || second === undefined) return undefined;
  // `<group>/<plural>/...`: a custom resource (groups hold a dot, resources never do).
  if (first.includes('.')) {
    const object = objectPart(segments.slice(2), undefined);
    return object === undefined ? undefined : { type: undefined, resource: `${second}.${first}`, ...object };
  }
  const object = objectPart(segments.slice(1), undefined);
  return object === undefined ? undefined : { type: undefined, resource: first, ...object };
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** kubectl's `-o name` form: `deployment.apps/web`, `pod/web-1`, `crontab.stable.example.com/nightly`. */
export function kubectlName(kind: string, group: string, name: string): string {
  return `${kind.toLowerCase()}${group === '' ? '' : `.${group}`}/${name}`;
}
