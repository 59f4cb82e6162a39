/** Watches of pods: a chunked stream of JSON watch events, one per line, as `?watch=true` answers. */
import type { ServerResponse } from 'node:http';
import type { Pod } from '../model.js';
import { PODS } from './resources.js';
import type { ResourceRequest } from './request-info.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { Store, WatchEventType } from './store.js';

/** Starts streaming; selectors were validated by the caller. Ends after timeoutSeconds or when the client leaves. */
export function servePodWatch(store: Store, request: ResourceRequest, query: URLSearchParams, response: ServerResponse): void {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), PODS.fieldLabels);
  const selects = (pod: Pod) =>
    (request.namespace === undefined || pod.metadata.namespace === request.namespace) && labels(pod.metadata.labels) && fields(PODS.fields(pod));
  const send = (type: WatchEventType, pod: Pod) => {
    if (selects(pod)) response.write(`${JSON.stringify({ type, object: pod })}\n`);
  };
  response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  const resourceVersion = query.get('resourceVersion');
  // Without a resourceVersion (or with "0") a watch starts with the current objects as ADDED events.
  if (!resourceVersion || resourceVersion === '0') {
    for (const entry of store.state.pods) send('ADDED', entry.object);
  }
  const unsubscribe = store.onPodEvent(send);
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  const timer = timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000) : undefined;
  response.once('close', () => {
    unsubscribe();
    clearTimeout(timer);
  });
}
