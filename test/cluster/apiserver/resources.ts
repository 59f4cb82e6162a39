/** The resources the stand-in serves: how each is listed, which field labels it supports, how it prints. */
import type { ClusterState, Namespace, Node, ObjectMeta, Pod } from '../model.js';
import { NAMESPACE_TABLE, NODE_TABLE, POD_TABLE, type TableConverter } from './table.js';

export interface ResourceType<T extends { metadata: ObjectMeta }> {
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Field labels usable in fieldSelector, and their values for one object. */
  fieldLabels: readonly string[];
  fields: (object: T) => Record<string, string>;
  table: TableConverter<T>;
  all: (state: ClusterState) => T[];
}

function metadataFields(metadata: ObjectMeta): Record<string, string> {
  return { 'metadata.name': metadata.name, 'metadata.namespace': metadata.namespace ?? '' };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export const PODS: ResourceType<Pod> = {
  resource: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  verbs: ['create', 'delete', 'get', 'list', 'watch'],
  fieldLabels: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  fields: (pod) => ({
    ...metadataFields(pod.metadata),
    'spec.nodeName': text(pod.spec.nodeName),
    'spec.restartPolicy': text(pod.spec['restartPolicy']),
    'spec.schedulerName': text(pod.spec['schedulerName']),
    'spec.serviceAccountName': text(pod.spec['serviceAccountName']),
    'spec.hostNetwork': String(pod.spec['hostNetwork'] === true),
    'status.phase': text(pod.status?.phase),
    'status.podIP': text(pod.status?.['podIP']),
    'status.nominatedNodeName': text(pod.status?.['nominatedNodeName']),
  }),
  table: POD_TABLE,
  all: (state) => state.pods.map((entry) => entry.object),
};

export const NAMESPACES: ResourceType<Namespace> = {
  resource: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['get', 'list'],
  fieldLabels: ['metadata.name', 'status.phase'],
  fields: (namespace) => ({
    'metadata.name': namespace.metadata.name,
    'status.phase': text((namespace['status'] as { phase?: string } | undefined)?.phase),
  }),
  table: NAMESPACE_TABLE,
  all: (state) => state.namespaces,
};

export const NODES: ResourceType<Node> = {
  resource: 'nodes',
  singular: 'node',
  kind: 'Node',
  namespaced: false,
  shortNames: ['no'],
  verbs: ['get', 'list'],
  fieldLabels: ['metadata.name', 'spec.unschedulable'],
  fields: (node) => ({
    'metadata.name': node.metadata.name,
    'spec.unschedulable': String((node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true),
  }),
  table: NODE_TABLE,
  all: (state) => state.nodes,
};

export const RESOURCE_TYPES = [NAMESPACES, NODES, PODS] as const;

export function resourceTypeOf(resource: string): ResourceType<{ metadata: ObjectMeta }> | undefined {
  return RESOURCE_TYPES.find((type) => type.resource === resource) as ResourceType<{ metadata: ObjectMeta }> | undefined;
}

/** The APIResourceList of `/api/v1`, with the pod subresources clients use. */
export function coreResourceList(): unknown {
  const subresource = (name: string, kind: string, verbs: string[]) => ({ name, singularName: '', namespaced: true, kind, verbs });
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      ...RESOURCE_TYPES.map((type) => ({
        name: type.resource,
        singularName: type.singular,
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: type.verbs,
        shortNames: type.shortNames,
        ...(type.resource === 'pods' ? { categories: ['all'] } : {}),
      })),
      subresource('pods/exec', 'PodExecOptions', ['create', 'get']),
      subresource('pods/portforward', 'PodPortForwardOptions', ['create', 'get']),
      subresource('pods/status', 'Pod', ['get']),
    ],
  };
}
