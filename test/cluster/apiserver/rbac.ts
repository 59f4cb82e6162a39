import type { Denial, Faults } from '../model.js';
import { forbidden, forbiddenPath, type Status } from './status.js';

/** What the authorizer sees of a resource request (the real API server's authorizer.Attributes, core group only). */
export interface ResourceAttributes {
  user: string;
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

function matches(denial: Denial, attributes: ResourceAttributes): boolean {
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  return (
    denial.verb === attributes.verb &&
    denial.resource === resource &&
    (denial.namespace === undefined || denial.namespace === attributes.namespace)
  );
}

/** The 403 the real API server answers when RBAC allows nothing for these attributes, in its exact wording. */
export function forbiddenFor(attributes: ResourceAttributes): Status {
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const why = `User "${attributes.user}" cannot ${attributes.verb} resource "${resource}" in API group "" ${scope}`;
  return forbidden(attributes.resource, attributes.name ?? '', why);
}

/** The Forbidden status when an injected denial covers the request; undefined when it is allowed. */
export function authorize(faults: Faults, attributes: ResourceAttributes): Status | undefined {
  return faults.deny.some((denial) => matches(denial, attributes)) ? forbiddenFor(attributes) : undefined;
}

export const ANONYMOUS_USER = 'system:anonymous';

/** Paths RBAC lets anyone get (the system:public-info-viewer role). */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** A request without a client certificate: kubeadm clusters let it through as system:anonymous, who may do nothing. */
export function authorizeAnonymous(path: string, attributes: ResourceAttributes | undefined): Status | undefined {
  if (attributes) return forbiddenFor(attributes);
  if (PUBLIC_PATHS.has(path)) return undefined;
  return forbiddenPath(`User "${ANONYMOUS_USER}" cannot get path "${path}"`);
}
