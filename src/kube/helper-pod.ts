/**
 * A short-lived helper pod for images that lack the tools to hand a file over (distroless etcd has no cat): pinned
 * to one node, mounting one directory of that node, running nothing but a sleep bounded by activeDeadlineSeconds (so
 * a helper whose creator died still ends), deleted at once when done. Created only with the user's consent.
 */
import { randomBytes } from 'node:crypto';
import { ExitCode } from '../cli/exit-codes.js';
import type { ApiClient } from './api-client.js';
import { sendJson } from './api-writes.js';
import { ClusterError } from './errors.js';
import { podPath, podsPath } from './pods.js';

export const DEFAULT_HELPER_IMAGE = 'busybox:1.37';
/** Where the node directory appears inside the helper. */
export const HELPER_MOUNT = '/etcd-data';
const CONTAINER = 'copy';
/** The longest a helper lives, whatever happens to the command that created it. */
const LIFETIME_SECONDS = 3600;
const START_TIMEOUT_MS = 180_000;
/** A helper whose image is on the node starts in a moment: ask often at first, then every half second. */
const pollDelay = (attempt: number) => Math.min(500, 50 * 2 ** attempt);
/** Container states that will not turn into Running without someone changing something. */
const STUCK = /ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerError|CreateContainerConfigError|RunContainerError/;

export interface HelperPodPlan {
  readonly namespace: string;
  readonly node: string;
  readonly image: string;
  /** The node directory to mount at HELPER_MOUNT. */
  readonly nodeDir: string;
}

export interface HelperPod {
  readonly namespace: string;
  readonly name: string;
  readonly container: string;
  readonly node: string;
}

export function helperPodName(): string {
  return `kubectl-etcd-helper-${randomBytes(4).toString('hex')}`;
}

/** The Pod object, as JSON for the API. */
export function helperPodManifest(plan: HelperPodPlan, name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: plan.namespace,
      labels: { 'app.kubernetes.io/name': 'kubectl-etcd', 'app.kubernetes.io/component': 'snapshot-helper' },
    },
    spec: {
      nodeName: plan.node,
      restartPolicy: 'Never',
      activeDeadlineSeconds: LIFETIME_SECONDS,
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      // The etcd node is a control-plane node: tolerate its taints, as the etcd pod does.
      tolerations: [{ operator: 'Exists' }],
      // etcd's files belong to root with mode 0600.
      securityContext: { runAsUser: 0, runAsGroup: 0 },
      containers: [
        {
          name: CONTAINER,
          image: plan.image,
          command: ['sleep', String(LIFETIME_SECONDS)],
          volumeMounts: [{ name: 'etcd-data', mountPath: HELPER_MOUNT }],
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
        },
      ],
      volumes: [{ name: 'etcd-data', hostPath: { path: plan.nodeDir, type: 'Directory' } }],
    },
  };
}

interface PodStatusJson {
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly containerStatuses?: readonly { readonly ready?: boolean; readonly state?: { readonly waiting?: { readonly reason?: string; readonly message?: string } } }[];
  };
}

/** Running and ready; throws when the pod cannot get there; false while it is on its way. */
export function helperReady(pod: PodStatusJson, name: string): boolean {
  const status = pod.status ?? {};
  if (status.phase === 'Failed' || status.phase === 'Succeeded') {
    throw new ClusterError(`the helper pod ${name} ended (${status.phase}${status.reason ? `: ${status.reason}` : ''}) before it was used`, ExitCode.error);
  }
  const waiting = status.containerStatuses?.[0]?.state?.waiting;
  if (waiting?.reason && STUCK.test(waiting.reason)) {
    throw new ClusterError(`the helper pod ${name} cannot start: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`, ExitCode.error, 'name an image the node can pull, with cat and rm, with --helper-image');
  }
  return status.phase === 'Running' && status.containerStatuses?.[0]?.ready === true;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(new ClusterError('interrupted', ExitCode.interrupted));
  }, { once: true });
});

export async function deleteHelperPod(client: ApiClient, pod: HelperPod): Promise<void> {
  try {
    await sendJson(client, 'DELETE', podPath(pod.namespace, pod.name), { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
  } catch (error) {
    // Already gone is what we wanted.
    if (!(error instanceof ClusterError && / not found/.test(error.message))) throw error;
  }
}

/** Creates the helper and waits until it runs; a helper that cannot start is deleted before the error is thrown. */
export async function startHelperPod(client: ApiClient, plan: HelperPodPlan, signal?: AbortSignal): Promise<HelperPod> {
  const name = helperPodName();
  await sendJson(client, 'POST', podsPath(plan.namespace), helperPodManifest(plan, name), signal);
  const pod: HelperPod = { namespace: plan.namespace, name, container: CONTAINER, node: plan.node };
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (let attempt = 0; !helperReady(await client.getJson<PodStatusJson>(podPath(plan.namespace, name), signal), name); attempt++) {
      if (Date.now() > deadline) throw new ClusterError(`the helper pod ${plan.namespace}/${name} was not running after ${START_TIMEOUT_MS / 1000} s`, ExitCode.error);
      await sleep(pollDelay(attempt), signal);
    }
    return pod;
  } catch (error) {
    await deleteHelperPod(client, pod);
    throw error;
  }
}
