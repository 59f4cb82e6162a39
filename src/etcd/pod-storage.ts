/**
 * Where an etcd pod keeps its data, read from the pod spec: the data directory etcd was told (--data-dir, the
 * ETCD_DATA_DIR environment OpenShift sets, or the folder of an RKE2 --config-file, which lives in the data
 * directory), and the hostPath volume that backs it, so a file written there inside the container can be found on
 * the node (by a helper pod) under the node's own path.
 */
import type { ContainerJson, PodJson } from '../kube/pods.js';
import { etcdServerContainer } from '../kube/pods.js';
import { commandWords, flagValue } from './etcd-pod-spec.js';

/** The volume fields of a pod spec that this module reads (PodJson leaves them out). */
export interface PodVolumesJson {
  readonly spec: { readonly volumes?: readonly { readonly name: string; readonly hostPath?: { readonly path: string; readonly type?: string } }[] };
}

export interface HostPathLocation {
  /** The directory inside the container. */
  readonly containerDir: string;
  /** The same directory on the node. */
  readonly nodeDir: string;
  readonly volume: string;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function envValue(container: ContainerJson | undefined, name: string): string | undefined {
  const value = container?.env?.find((e) => e.name === name)?.value;
  return value === '' || value?.includes('$') ? undefined : value;
}

/** etcd's data directory as the pod spec gives it; undefined when the spec does not say. */
export function etcdDataDir(pod: PodJson, execContainer: ContainerJson): string | undefined {
  const server = etcdServerContainer(pod);
  const words = server ? commandWords(server) : [];
  const configFile = flagValue(words, 'config-file');
  const found = flagValue(words, 'data-dir') ?? envValue(server, 'ETCD_DATA_DIR') ?? envValue(execContainer, 'ETCD_DATA_DIR') ?? (configFile ? dirname(configFile) : undefined);
  return found === undefined ? undefined : withoutTrailingSlash(found);
}

interface Mount {
  readonly mountPath: string;
  readonly name: string;
  readonly hostPath: string;
}

/** The deepest hostPath mount of `container` holding `path`; `writableDir` keeps only writable directory mounts. */
function mountHolding(pod: PodJson & PodVolumesJson, container: ContainerJson, path: string, writableDir: boolean): Mount | undefined {
  const volumes = pod.spec.volumes ?? [];
  let best: Mount | undefined;
  for (const mount of (container.volumeMounts ?? []) as readonly { name: string; mountPath: string; readOnly?: boolean }[]) {
    const mountPath = withoutTrailingSlash(mount.mountPath);
    const inside = path === mountPath || path.startsWith(mountPath === '/' ? '/' : `${mountPath}/`);
    const hostPath = volumes.find((v) => v.name === mount.name)?.hostPath;
    if (!inside || hostPath === undefined || (writableDir && (mount.readOnly === true || hostPath.type === 'File'))) continue;
    if (best === undefined || mountPath.length > best.mountPath.length) best = { mountPath, name: mount.name, hostPath: withoutTrailingSlash(hostPath.path) };
  }
  return best;
}

function onNode(mount: Mount, path: string): string {
  const rest = path.slice(mount.mountPath.length).replace(/^\/+/, '');
  return rest === '' ? mount.hostPath : `${mount.hostPath}/${rest}`;
}

/**
 * The writable hostPath volume of `container` that holds `containerDir` (the deepest mount containing it), and the
 * node path of `containerDir`; undefined when no hostPath volume holds it (then the node cannot see the file).
 */
export function hostPathOf(pod: PodJson & PodVolumesJson, container: ContainerJson, containerDir: string): HostPathLocation | undefined {
  const dir = withoutTrailingSlash(containerDir);
  const mount = mountHolding(pod, container, dir, true);
  return mount === undefined ? undefined : { containerDir: dir, nodeDir: onNode(mount, dir), volume: mount.name };
}

/** Where a path of the container (a file or a directory) lies on the node; undefined when no hostPath volume holds it. */
export function nodePathOf(pod: PodJson & PodVolumesJson, container: ContainerJson, containerPath: string): string | undefined {
  const path = withoutTrailingSlash(containerPath);
  const mount = mountHolding(pod, container, path, false);
  return mount === undefined ? undefined : onNode(mount, path);
}
