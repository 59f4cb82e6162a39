/**
 * metav1.Status objects as the real API server and kubelet write them. Keys are in Go's field order because clients
 * and tests compare the JSON text; the exec status channel carries them without kind and apiVersion.
 */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface Status {
  kind?: 'Status';
  apiVersion?: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

/** Tells a Status from an object whose `status` is a nested object. */
export function isStatus(value: object): value is Status {
  const status = (value as { status?: unknown }).status;
  return status === 'Success' || status === 'Failure';
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  return { metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function resourceDetails(resource: string, name: string): StatusDetails {
  return name ? { name, kind: resource } : { kind: resource };
}

export function notFound(resource: string, name: string): Status {
  return failure(404, 'NotFound', `${resource} "${name}" not found`, resourceDetails(resource, name));
}

export function pathNotFound(): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(resource: string, name: string): Status {
  return failure(409, 'AlreadyExists', `${resource} "${name}" already exists`, resourceDetails(resource, name));
}

/** `resource` is the plain resource (`pods`), the message names the subresource; as apierrors.NewForbidden. */
export function forbidden(resource: string, name: string, why: string): Status {
  const subject = name ? `${resource} "${name}"` : resource;
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, resourceDetails(resource, name));
}

/** A non-resource path (`/api`) refused: apierrors.NewForbidden with an empty resource. */
export function forbiddenPath(why: string): Status {
  return failure(403, 'Forbidden', `forbidden: ${why}`, {});
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function notAcceptable(): Status {
  return failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json', {});
}

export function invalid(kind: string, name: string, field: string, detail: string): Status {
  return failure(422, 'Invalid', `${kind} "${name}" is invalid: ${field}: ${detail}`, {
    name,
    kind,
    causes: [{ reason: 'FieldValueRequired', message: detail, field }],
  });
}

export function internalError(cause: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

export function success(): Status {
  return { metadata: {}, status: 'Success' };
}

/** What a command's non-zero exit becomes; `how` is the runtime's error text (differs between v4 and v5 paths). */
export function nonZeroExit(exitCode: number, how: string): Status {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${how}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}
