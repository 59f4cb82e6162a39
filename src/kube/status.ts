/**
 * metav1.Status answers (HTTP errors, exec failures) turned into errors a person can act on: RBAC denials name the
 * verb and resource that are missing and where.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { ClusterError } from './errors.js';

export interface ApiStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly causes: readonly { readonly reason?: string; readonly message?: string }[];
}

/** The Status in an error answer; a body that is not one (a proxy's HTML page) keeps its first line as message. */
export function parseStatus(httpCode: number, body: Buffer | string): ApiStatus {
  const bodyText = body.toString();
  try {
    const parsed = JSON.parse(bodyText) as { code?: unknown; reason?: unknown; message?: unknown; details?: { causes?: unknown } };
    const causes = Array.isArray(parsed.details?.causes) ? (parsed.details.causes as ApiStatus['causes']) : [];
    return {
      code: typeof parsed.code === 'number' ? parsed.code : httpCode,
      reason: typeof parsed.reason === 'string' ? parsed.reason : '',
      message: typeof parsed.message === 'string' ? parsed.message : '',
      causes,
    };
  } catch {
    return { code: httpCode, reason: '', message: bodyText.split('\n')[0]?.trim().slice(0, 200) ?? '', causes: [] };
  }
}

/** `User "u" cannot create resource "pods/exec" in API group "" in the namespace "kube-system"` */
const RBAC_DENIAL = /User "([^"]*)" cannot (\w+) resource "([^"]+)" in API group "([^"]*)" (?:in the namespace "([^"]+)"|at the cluster scope)/;

export interface RbacDenial {
  readonly user: string;
  readonly verb: string;
  readonly resource: string;
  readonly namespace: string | undefined;
}

export function rbacDenial(message: string): RbacDenial | undefined {
  const match = RBAC_DENIAL.exec(message);
  if (!match) return undefined;
  const [, user = '', verb = '', resource = '', group = '', namespace] = match;
  return { user, verb, resource: group ? `${resource}.${group}` : resource, namespace };
}

/** The permissions kubectl-etcd needs, for the hint on any denial. */
export const NEEDED_PERMISSIONS = 'kubectl etcd needs get and list on pods, and get and create on pods/exec, in the etcd namespace';

/** A request's Status answer as a ClusterError, `what` saying what was being done ("GET /api/v1/...", "exec in pod ..."). */
export function statusError(status: ApiStatus, request: { method: string; path: string }): ClusterError {
  const what = `${request.method} ${request.path}`;
  if (status.code === 401) {
    return new ClusterError(`the API server did not accept the kubeconfig's credentials (401 Unauthorized${status.message ? `: ${status.message}` : ''})`, ExitCode.forbidden, 'the token or certificate may have expired; check with `kubectl auth whoami`');
  }
  if (status.code === 403) {
    const denial = rbacDenial(status.message);
    if (denial) {
      const where = denial.namespace ? `in namespace ${denial.namespace}` : 'at the cluster scope';
      return new ClusterError(
        `RBAC does not allow ${denial.user} to ${denial.verb} ${denial.resource} ${where}`,
        ExitCode.forbidden,
        `${NEEDED_PERMISSIONS}; check with \`kubectl auth can-i ${denial.verb} ${denial.resource}${denial.namespace ? ` -n ${denial.namespace}` : ''}\``,
      );
    }
    return new ClusterError(`the API server refused ${what}: ${status.message || '403 Forbidden'}`, ExitCode.forbidden, NEEDED_PERMISSIONS);
  }
  if (status.code === 404) return new ClusterError(status.message || `${request.path} not found`, ExitCode.error);
  if (status.code === 0) return new ClusterError(`${what} failed: ${status.message}`, ExitCode.unreachable);
  const exitCode = status.code >= 500 ? ExitCode.unreachable : ExitCode.error;
  return new ClusterError(`the API server answered ${what} with ${status.code}${status.reason ? ` ${status.reason}` : ''}: ${status.message || 'no message'}`, exitCode);
}
