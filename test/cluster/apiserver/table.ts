/**
 * meta.k8s.io Table responses, as the real API server builds them for `kubectl get` (columns and cell values of
 * its printers for pods, namespaces and nodes).
 */
import type { Namespace, Node, ObjectMeta, Pod } from '../model.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: { cells: unknown[]; object?: unknown }[];
}

function column(name: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type: 'string', format, description, priority };
}

const NAME = column('Name', 'Name of the object, unique within its namespace.', 0, 'name');
const AGE = column('Age', 'When the object was created.');

/** How long ago, as the API server's duration.HumanDuration prints it. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  const withRemainder = (whole: string, rest: number, unit: string) => (rest === 0 ? whole : `${whole}${rest}${unit}`);
  if (minutes < 10) return withRemainder(`${minutes}m`, seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return withRemainder(`${hours}h`, minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return withRemainder(`${days}d`, hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRemainder(`${years}y`, days % 365, 'd');
  return `${years}y`;
}

function age(metadata: ObjectMeta, now: number): string {
  return metadata.creationTimestamp ? humanDuration(now - Date.parse(metadata.creationTimestamp)) : '<unknown>';
}

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; signal?: number; exitCode?: number } };
}

function podStatusReason(pod: Pod, statuses: ContainerStatus[]): string {
  if (pod.metadata['deletionTimestamp']) return 'Terminating';
  for (const status of statuses) {
    const waiting = status.state?.waiting?.reason;
    if (waiting) return waiting;
    const terminated = status.state?.terminated;
    if (terminated?.reason) return terminated.reason;
  }
  const reason = pod.status?.['reason'];
  return typeof reason === 'string' && reason ? reason : (pod.status?.phase ?? 'Unknown');
}

function orNone(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : '<none>';
}

const POD_COLUMNS = [
  NAME,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted.'),
  AGE,
  column('IP', 'The IP address of the pod.', 1),
  column('Node', 'The node the pod runs on.', 1),
  column('Nominated Node', 'The node the scheduler nominated for this pod.', 1),
  column('Readiness Gates', 'Readiness gates of the pod that are true, of all.', 1),
];

function podCells(pod: Pod, now: number): unknown[] {
  const statuses = (pod.status?.['containerStatuses'] ?? []) as ContainerStatus[];
  const ready = statuses.filter((status) => status.ready).length;
  const restarts = statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
  const gates = (pod.spec['readinessGates'] ?? []) as { conditionType: string }[];
  const conditions = (pod.status?.['conditions'] ?? []) as { type: string; status: string }[];
  const gatesTrue = gates.filter((gate) => conditions.some((c) => c.type === gate.conditionType && c.status === 'True'));
  return [
    pod.metadata.name,
    `${ready}/${pod.spec.containers.length}`,
    podStatusReason(pod, statuses),
    String(restarts),
    age(pod.metadata, now),
    orNone(pod.status?.['podIP']),
    orNone(pod.spec.nodeName),
    orNone(pod.status?.['nominatedNodeName']),
    gates.length === 0 ? '<none>' : `${gatesTrue.length}/${gates.length}`,
  ];
}

const NAMESPACE_COLUMNS = [NAME, column('Status', 'The status of the namespace.'), AGE];

function namespaceCells(namespace: Namespace, now: number): unknown[] {
  const status = namespace['status'] as { phase?: string } | undefined;
  return [namespace.metadata.name, status?.phase ?? '', age(namespace.metadata, now)];
}

const NODE_COLUMNS = [
  NAME,
  column('Status', 'The status of the node.'),
  column('Roles', 'The roles of the node.'),
  AGE,
  column('Version', 'Kubelet version.'),
  column('Internal-IP', 'The node internal IP.', 1),
  column('External-IP', 'The node external IP.', 1),
  column('OS-Image', 'OS image reported by the node.', 1),
  column('Kernel-Version', 'Kernel version reported by the node.', 1),
  column('Container-Runtime', 'Container runtime and version reported by the node.', 1),
];

interface NodeStatus {
  conditions?: { type: string; status: string }[];
  addresses?: { type: string; address: string }[];
  nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
}

function nodeCells(node: Node, now: number): unknown[] {
  const status = (node['status'] ?? {}) as NodeStatus;
  const readyCondition = status.conditions?.find((condition) => condition.type === 'Ready');
  const readiness = readyCondition?.status === 'True' ? 'Ready' : readyCondition ? 'NotReady' : 'Unknown';
  const spec = node['spec'] as { unschedulable?: boolean } | undefined;
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length))
    .filter((role) => role !== '')
    .sort();
  const address = (type: string) => status.addresses?.find((a) => a.type === type)?.address ?? '<none>';
  return [
    node.metadata.name,
    spec?.unschedulable ? `${readiness},SchedulingDisabled` : readiness,
    roles.length > 0 ? roles.join(',') : '<none>',
    age(node.metadata, now),
    status.nodeInfo?.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    status.nodeInfo?.osImage ?? '',
    status.nodeInfo?.kernelVersion ?? '',
    status.nodeInfo?.containerRuntimeVersion ?? '',
  ];
}

export interface TableConverter<T> {
  columns: ColumnDefinition[];
  cells: (object: T, now: number) => unknown[];
}

export const POD_TABLE: TableConverter<Pod> = { columns: POD_COLUMNS, cells: podCells };
export const NAMESPACE_TABLE: TableConverter<Namespace> = { columns: NAMESPACE_COLUMNS, cells: namespaceCells };
export const NODE_TABLE: TableConverter<Node> = { columns: NODE_COLUMNS, cells: nodeCells };

function rowObject(object: { metadata: ObjectMeta }, include: IncludeObject, apiVersion: string): unknown {
  if (include === 'Object') return object;
  if (include === 'Metadata') return { kind: 'PartialObjectMetadata', apiVersion, metadata: object.metadata };
  return undefined;
}

export function toTable<T extends { metadata: ObjectMeta }>(
  converter: TableConverter<T>,
  objects: T[],
  listMetadata: Table['metadata'],
  options: { apiVersion: string; include: IncludeObject; now: number },
): Table {
  return {
    kind: 'Table',
    apiVersion: options.apiVersion,
    metadata: listMetadata,
    columnDefinitions: converter.columns,
    rows: objects.map((object) => {
      const embedded = rowObject(object, options.include, options.apiVersion);
      return { cells: converter.cells(object, options.now), ...(embedded === undefined ? {} : { object: embedded }) };
    }),
  };
}
