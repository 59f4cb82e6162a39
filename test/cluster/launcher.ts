/**
 * Starts pods created through the API (helper pods): each container gets the root file system of the image it
 * names and the hostPath volumes of the node the pod was bound to, as a kubelet would give them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, LaunchedPod, Pod, PodLauncher } from './model.js';
import { unmountUnder } from './mounts.js';
import { IMAGES, LayerStore, buildRootfs, hostPathMounts, mountHostPath, type ImageName } from './rootfs.js';

/** The image contents an image reference stands for; undefined for images this machine cannot provide. */
export function imageContentsFor(image: string): ImageName | undefined {
  const [repository = '', tag = ''] = image.split('@')[0]?.split(/:(?=[^/]*$)/) ?? [];
  const name = repository.split('/').pop() ?? '';
  if (['busybox', 'alpine', 'debian', 'ubuntu'].includes(name)) return 'busybox';
  if (name === 'etcd') {
    if (/^v?3\.[6-9]/.test(tag)) return 'etcd-distroless';
    if (/^v?3\.5/.test(tag)) return 'etcd-distroless-sh';
    return 'etcd-busybox';
  }
  return undefined;
}

export interface LauncherOptions {
  dir: string;
  layers: LayerStore;
  /** The environment a runtime adds to every container (service links). */
  containerEnv: (pod: Pod, container: string, imageEnv: Record<string, string>) => Record<string, string>;
}

export function podLauncher(options: LauncherOptions): PodLauncher {
  return async (pod: Pod): Promise<LaunchedPod> => {
    const podDir = join(options.dir, 'containers', `${pod.metadata.namespace}_${pod.metadata.name}`);
    const nodeRoot = join(options.dir, 'nodes', pod.spec.nodeName ?? '');
    const remove = async () => {
      await unmountUnder(podDir);
      await rm(podDir, { recursive: true, force: true });
    };
    const containers: Record<string, Container> = {};
    try {
      for (const spec of pod.spec.containers) {
        const imageName = imageContentsFor(spec.image ?? '');
        if (imageName === undefined) {
          throw new Error(`failed to pull image "${spec.image ?? ''}": this test cluster runs offline and has no such image`);
        }
        const rootfs = join(podDir, spec.name);
        await buildRootfs(options.layers, rootfs, IMAGES[imageName]);
        for (const mount of hostPathMounts(pod, spec.name)) await mountHostPath(nodeRoot, rootfs, mount);
        containers[spec.name] = { rootfs, env: options.containerEnv(pod, spec.name, IMAGES[imageName].env) };
      }
    } catch (error) {
      await remove();
      throw error;
    }
    return { containers, remove };
  };
}
