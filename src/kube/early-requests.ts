/**
 * The first request of a command that reaches etcd, sent by the launcher before the CLI's code loads: the list of
 * etcd pods every such command starts with. Compiling the CLI (15-20 ms) then overlaps the API server's answer
 * instead of coming before the question; on a remote cluster that round trip is longer still.
 *
 * In a checkout and in the single executables, the launcher runs this code from a file of its own
 * (dist/kubectl-etcd-early.cjs) and the CLI bundle holds another copy, so what passes between them is plain (see
 * early-handover.ts): the access the requests were sent with, the connection pool (a Node agent) and the pending
 * answers. The npm build shares one copy. The CLI's API client takes them over only when it resolves the very same
 * access (same server, CA and credentials); a command that never connects, or connects elsewhere, leaves them, and
 * the launcher drops them when it ends.
 */
import { ApiClient, type ApiResponse } from './api-client.js';
import type { EarlyRequests } from './early-handover.js';
import { earlyRequestOptions } from './early-options.js';
import { resolveApiServerAccess } from './kubeconfig.js';
import { ETCD_LOCATIONS, podsPath } from './pods.js';
import { proxyVariable } from './proxy-env.js';

/**
 * What the CLI asks first (src/etcd/connect.ts): the etcd pods where kubeadm, kind, minikube and RKE2 put them. Not
 * the API server pods it asks for beside them: a second request opens a second connection, whose TLS handshake
 * takes turns with the first one's on this one thread and puts the first answer off (one interleaved run each: 2.20x
 * against 2.13x `node -e 0` to the first request).
 */
export const EARLY_PATHS: readonly string[] = [podsPath(ETCD_LOCATIONS[0]!.namespace, ETCD_LOCATIONS[0]!.selector)];

/** How long the launcher waits for the requests to be on the wire before it goes on loading the CLI anyway. */
const SEND_WAIT_MS = 200;

/**
 * Sends the early requests for this command line and resolves once they are written (or failed, or after a short
 * wait); undefined when the command line does not call for them or the access cannot be had without side effects
 * (a credential plugin, a proxy). Never rejects: whatever goes wrong here, the CLI meets again and reports.
 */
export async function sendEarlyRequests(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<EarlyRequests | undefined> {
  const options = earlyRequestOptions(args);
  if (options === undefined) return undefined;
  let client: ApiClient;
  const pending = new Map<string, Promise<ApiResponse>>();
  const written: Promise<void>[] = [];
  try {
    const access = await resolveApiServerAccess({ ...options, runPlugins: false }, env);
    if (access.proxyUrl !== undefined || proxyVariable(env, access.server.startsWith('https:')) !== undefined) return undefined;
    // Throws on a CA, certificate or key OpenSSL cannot read: the CLI says so in its own words.
    client = new ApiClient(access, { env });
    for (const path of EARLY_PATHS) {
      written.push(
        new Promise<void>((resolve) => {
          const answer = client.request(path, undefined, resolve);
          answer.then(() => resolve(), () => resolve());
          pending.set(path, answer);
        }),
      );
    }
  } catch {
    return undefined;
  }
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(written), new Promise<void>((resolve) => (waited = setTimeout(resolve, SEND_WAIT_MS)))]);
  clearTimeout(waited);
  return {
    access: client.access,
    agent: client.agent,
    paths: EARLY_PATHS,
    take(path) {
      const answer = pending.get(path);
      pending.delete(path);
      return answer;
    },
    abandon: () => client.close(),
  };
}
