/**
 * The few writes kubectl-etcd makes to the Kubernetes API (a helper pod: create, then delete): JSON requests over
 * the ApiClient's agent and credentials, with the same deadline and the same Status errors as its reads.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ApiClient } from './api-client.js';
import { connectionError } from './connection-errors.js';
import { ClusterError } from './errors.js';
import { parseStatus, statusError } from './status.js';
import { ExitCode } from '../cli/exit-codes.js';

export type WriteMethod = 'POST' | 'DELETE';

/** Sends `body` as JSON and returns the JSON answer; a non-2xx answer becomes the Status error in words. */
export function sendJson<T>(client: ApiClient, method: WriteMethod, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const url = client.url(path);
  const send = client.isHttps ? httpsRequest : httpRequest;
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const request = send(url, {
      method,
      agent: client.agent,
      headers: { ...client.access.headers, Accept: 'application/json', 'Content-Type': 'application/json', 'Content-Length': String(payload.length) },
      timeout: client.timeoutMs,
      signal,
    });
    const deadline = setTimeout(() => request.destroy(new ClusterError(`the API server did not answer ${method} ${path} within ${client.timeoutMs / 1000} s`, ExitCode.unreachable)), client.timeoutMs);
    request.on('error', (error) => {
      clearTimeout(deadline);
      reject(connectionError(client.access.server, error));
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(connectionError(client.access.server, error)));
      response.on('end', () => {
        clearTimeout(deadline);
        const status = response.statusCode ?? 0;
        const answer = Buffer.concat(chunks);
        if (status < 200 || status >= 300) {
          reject(statusError(parseStatus(status, answer), { method, path }));
          return;
        }
        try {
          resolve(JSON.parse(answer.toString('utf8')) as T);
        } catch {
          reject(new ClusterError(`the API server answered ${method} ${path} with something that is not JSON`, ExitCode.error));
        }
      });
    });
    request.end(payload);
  });
}
