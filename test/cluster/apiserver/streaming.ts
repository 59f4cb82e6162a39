/**
 * What the API server checks before an exec or port-forward upgrade (its ExecLocation and PortForwardLocation,
 * then the runtime's option parsing), and which WebSocket subprotocol each path would pick.
 */
import type { Container, PodEntry } from '../model.js';
import type { ExecOptions, ExecProtocol } from './exec.js';
import type { ResourceRequest } from './request-info.js';
import { badRequest, notFound, type Status } from './status.js';
import type { Store } from './store.js';

/** A failure answered as plain text, the way the kubelet's and runtime's http.Error answers. */
export interface PlainError {
  code: number;
  text: string;
}

export interface ExecTarget {
  entry: PodEntry;
  container: Container;
  options: ExecOptions;
}

/** Query booleans as the API converts them: present and not "false"/"0" means true. */
function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value.toLowerCase() !== 'false' && value !== '0';
}

function containerNames(containers: { name: string }[] | undefined): string {
  return (containers ?? []).map((container) => container.name).join(' ');
}

function chooseContainer(entry: PodEntry, requested: string): string | Status {
  const pod = entry.object;
  const name = pod.metadata.name;
  const ephemeral = (pod.spec['ephemeralContainers'] ?? []) as { name: string }[];
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...ephemeral];
  if (requested !== '') {
    return all.some((container) => container.name === requested) ? requested : badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  if (pod.spec.containers.length === 1) return (pod.spec.containers[0] as { name: string }).name;
  if (pod.spec.containers.length === 0) return badRequest(`a container name must be specified for pod ${name}`);
  const init = containerNames(pod.spec.initContainers);
  return badRequest(
    `a container name must be specified for pod ${name}, choose one of: [${containerNames(pod.spec.containers)}]` +
      (init ? ` or one of the init containers: [${init}]` : ''),
  );
}

function podOnNode(store: Store, request: ResourceRequest): PodEntry | Status {
  const entry = store.findPod(request.namespace ?? '', request.name ?? '');
  if (!entry) return notFound('pods', request.name ?? '');
  if (!entry.object.spec.nodeName) return badRequest(`pod ${entry.object.metadata.name} does not have a host assigned`);
  return entry;
}

export function execTarget(store: Store, request: ResourceRequest, query: URLSearchParams): ExecTarget | Status | PlainError {
  const entry = podOnNode(store, request);
  if (!('object' in entry)) return entry;
  const containerName = chooseContainer(entry, query.get('container') ?? '');
  if (typeof containerName !== 'string') return containerName;
  const options: ExecOptions = {
    command: query.getAll('command'),
    stdin: flag(query, 'stdin'),
    stdout: flag(query, 'stdout'),
    stderr: flag(query, 'stderr'),
    tty: flag(query, 'tty'),
  };
  if (!options.stdin && !options.stdout && !options.stderr) {
    return { code: 400, text: 'you must specify at least 1 of stdin, stdout, stderr' };
  }
  const container = entry.containers[containerName];
  if (!container) return { code: 404, text: `container not found ("${containerName}")` };
  return { entry, container, options };
}

export interface PortForwardTarget {
  entry: PodEntry;
  ports: number[];
}

export function portForwardTarget(store: Store, request: ResourceRequest, query: URLSearchParams): PortForwardTarget | Status | PlainError {
  const entry = podOnNode(store, request);
  if (!('object' in entry)) return entry;
  const values = query.getAll('ports');
  if (values.length === 0) return { code: 400, text: 'query parameter "ports" is required' };
  const ports: number[] = [];
  for (const value of values) {
    if (value === '') return { code: 400, text: 'query parameter "ports" cannot be empty' };
    for (const part of value.split(',')) {
      const port = /^\d+$/.test(part) ? Number(part) : NaN;
      if (!(port <= 65535)) return { code: 400, text: `unable to parse "${value}" as a port` };
      if (port < 1) return { code: 400, text: `port "${value}" must be > 0` };
      ports.push(port);
    }
  }
  return { entry, ports };
}

export const V5 = 'v5.channel.k8s.io';
export const V4 = 'v4.channel.k8s.io';
export const V1 = 'channel.k8s.io';

/**
 * The subprotocol the real chain picks for exec: a client offering v5 reaches the API server's translator, which
 * speaks only v5; any other offer goes through to the runtime, which takes the first of v4, channel.k8s.io (and
 * no subprotocol at all) in the client's order. Undefined: nothing supported, a 403 without body.
 */
export function execSubprotocol(offered: string[]): { header: string; protocol: ExecProtocol } | undefined {
  if (offered.includes(V5)) return { header: V5, protocol: 'v5' };
  if (offered.length === 0) return { header: '', protocol: 'v1' };
  const first = offered.find((protocol) => protocol === V4 || protocol === V1);
  if (first === undefined) return undefined;
  return { header: first, protocol: first === V4 ? 'v4' : 'v1' };
}

/** Port-forward over WebSocket reaches the runtime, which accepts v4.channel.k8s.io or no subprotocol. */
export function portForwardSubprotocol(offered: string[]): string | undefined {
  if (offered.length === 0) return '';
  return offered.find((protocol) => protocol === V4);
}
