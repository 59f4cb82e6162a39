/**
 * The launcher's early requests: which command lines call for them, and how the CLI's API client takes them over
 * (once, only with the same access) or leaves them.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/kube/api-client.js';
import { claimEarlyRequests, offerEarlyRequests, type EarlyRequests } from '../../src/kube/early-handover.js';
import { earlyRequestOptions } from '../../src/kube/early-options.js';
import { EARLY_PATH, getRequestHead, sendEarlyRequests } from '../../src/kube/early-requests.js';
import { ClusterError } from '../../src/kube/errors.js';
import { resolveApiServerAccess } from '../../src/kube/kubeconfig.js';
import { ETCD_LOCATIONS, listPods, podsPath } from '../../src/kube/pods.js';
import { writeKubeconfig } from '../cluster/apiserver/credentials.js';
import { startPodListServer, type PodListServer } from './pod-list-server.js';

const ETCD_PODS = podsPath(ETCD_LOCATIONS[0]!.namespace, ETCD_LOCATIONS[0]!.selector);

describe('earlyRequestOptions', () => {
  it('takes --kubeconfig and --context, in both spellings, from a command that connects first', () => {
    expect(earlyRequestOptions(['get', '/registry', '--prefix', '--kubeconfig', '/k', '--context=admin'])).toEqual({ kubeconfig: '/k', context: 'admin' });
    expect(earlyRequestOptions(['member', 'list'])).toEqual({});
    expect(earlyRequestOptions(['etcdctl', '--', 'get', '--pod', 'x', '--kubeconfig', '/not-ours'])).toEqual({});
  });

  it('stays out of commands that do not look for etcd the default way', () => {
    for (const args of [
      [],
      ['decode', 'file.pb'],
      ['snapshot', 'save', 'x.db'],
      ['get', '/registry', '--snapshot', 'x.db'],
      ['ls', '--snapshot=x.db'],
      ['get', 'pods', '--pod', 'etcd-b'],
      ['get', 'pods', '--etcd-namespace=etcd'],
      ['get', '--help'],
      ['ls', '-h'],
      ['get', '/registry', '--kubeconfig'],
      ['get', '/registry', '--context='],
    ]) {
      expect({ args, options: earlyRequestOptions(args) }).toEqual({ args, options: undefined });
    }
  });
});

describe('getRequestHead', () => {
  it("writes the access's header fields as they are, after the path and any prefix of the server URL", () => {
    const url = new URL('https://[::1]:6443/k8s/clusters/c-1/api/v1/pods?labelSelector=component%3Detcd');
    expect(getRequestHead(url, { Authorization: 'Bearer abc', 'Impersonate-User': 'jane' })?.toString('latin1')).toBe(
      'GET /k8s/clusters/c-1/api/v1/pods?labelSelector=component%3Detcd HTTP/1.1\r\nHost: [::1]:6443\r\nAuthorization: Bearer abc\r\nImpersonate-User: jane\r\nAccept: application/json\r\n\r\n',
    );
  });

  it('refuses a header field that would split the request (the CLI then reports it)', () => {
    const url = new URL('https://10.0.0.1:6443/api/v1/pods');
    expect(getRequestHead(url, { Authorization: 'Bearer abc\r\nX-Injected: 1' })).toBeUndefined();
    expect(getRequestHead(url, { 'Bad Name': 'x' })).toBeUndefined();
  });
});

describe('early requests against an API server', () => {
  let server: PodListServer;
  beforeAll(async () => {
    server = await startPodListServer();
  });
  afterAll(async () => server.stop());
  afterEach(() => offerEarlyRequests(undefined));

  const clientFor = async (kubeconfig: string) => new ApiClient(await resolveApiServerAccess({ kubeconfig }, {}));

  it('are taken over by the first client with the same access: the etcd pods are asked for once', async () => {
    const before = server.count(ETCD_PODS);
    const early = await sendEarlyRequests(['get', '/registry/pods', '--kubeconfig', server.kubeconfig], {});
    expect(early).toBeDefined();
    expect(EARLY_PATH).toBe(ETCD_PODS);
    offerEarlyRequests(early);
    const client = await clientFor(server.kubeconfig);
    try {
      expect(await listPods(client, 'kube-system', 'component=etcd')).toEqual([]);
      expect(server.count(ETCD_PODS) - before).toBe(1);
      // An answer is taken once: asking again asks the server.
      await listPods(client, 'kube-system', 'component=etcd');
      expect(server.count(ETCD_PODS) - before).toBe(2);
      // Only the first client takes them over.
      expect(claimEarlyRequests(client.access)).toBeUndefined();
    } finally {
      client.close();
      early?.abandon();
    }
  });

  it("hand their connection over: the client's next request goes on it, with no second handshake", async () => {
    const connectionsBefore = server.connections();
    const early = await sendEarlyRequests(['get', '/registry/pods', '--kubeconfig', server.kubeconfig], {});
    offerEarlyRequests(early);
    const client = await clientFor(server.kubeconfig);
    try {
      await listPods(client, 'kube-system', 'component=etcd');
      await listPods(client, 'kube-system', 'component=kube-apiserver');
      expect(server.received.slice(-2)).toEqual([ETCD_PODS, podsPath('kube-system', 'component=kube-apiserver')]);
      expect(server.connections() - connectionsBefore).toBe(1);
    } finally {
      client.close();
    }
  });

  it('are left to the launcher by a client with other credentials, which asks for itself', async () => {
    const other = join(server.dir, 'other-user.kubeconfig');
    await writeKubeconfig(other, { server: server.url, caCertPem: server.pki.tls.caCertPem, credentials: await server.pki.issueClient('someone-else') });
    const before = server.count(ETCD_PODS);
    const early = await sendEarlyRequests(['ls', `--kubeconfig=${server.kubeconfig}`], {});
    offerEarlyRequests(early);
    const client = await clientFor(other);
    try {
      await listPods(client, 'kube-system', 'component=etcd');
      expect(server.count(ETCD_PODS) - before).toBe(2);
      expect(claimEarlyRequests(await resolveApiServerAccess({ kubeconfig: server.kubeconfig }, {}))).toBe(early);
    } finally {
      client.close();
      early?.abandon();
    }
  });

  it('end quickly when the API server cannot be reached, and the client meets the failure once, as its own error', async () => {
    const unreachable = join(server.dir, 'unreachable.kubeconfig');
    await writeKubeconfig(unreachable, { server: 'https://127.0.0.1:1', caCertPem: server.pki.tls.caCertPem, credentials: server.pki.admin });
    const early = await sendEarlyRequests(['get', '/registry', '--kubeconfig', unreachable], {});
    offerEarlyRequests(early);
    const client = await clientFor(unreachable);
    try {
      const failure = await listPods(client, 'kube-system', 'component=etcd').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ClusterError);
      expect((failure as ClusterError).message).toMatch(/127\.0\.0\.1:1/);
    } finally {
      client.close();
    }
  });

  it("re-make a failure from the launcher's copy of the code as this copy's ClusterError, with its exit code and hint", async () => {
    const access = await resolveApiServerAccess({ kubeconfig: server.kubeconfig }, {});
    const foreign = Object.assign(new Error('the API server at https://example:6443 did not answer within 15 s'), { exitCode: 4, hint: 'check the address' });
    const early: EarlyRequests = {
      access,
      secureContext: undefined,
      path: ETCD_PODS,
      take: (path) => (path === ETCD_PODS ? Promise.reject(foreign) : undefined),
      takeConnection: () => undefined,
      abandon: () => undefined,
    };
    offerEarlyRequests(early);
    const client = new ApiClient(access);
    try {
      const failure = await client.request(ETCD_PODS).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ClusterError);
      expect(failure).toMatchObject({ message: foreign.message, exitCode: 4, hint: 'check the address' });
    } finally {
      client.close();
    }
  });

  it('stop waiting for a taken-over answer when the command is interrupted', async () => {
    const access = await resolveApiServerAccess({ kubeconfig: server.kubeconfig }, {});
    offerEarlyRequests({ access, secureContext: undefined, path: ETCD_PODS, take: () => new Promise(() => undefined), takeConnection: () => undefined, abandon: () => undefined });
    const client = new ApiClient(access);
    const interrupt = new AbortController();
    const asked = client.request(ETCD_PODS, interrupt.signal).catch((error: unknown) => error);
    interrupt.abort(new ClusterError('interrupted', 130));
    expect(await asked).toMatchObject({ message: 'interrupted' });
    client.close();
  });

  it('are not sent for a user whose credentials come from a plugin (it is not run twice), through a proxy, or with unreadable certificates', async () => {
    const ran = join(server.dir, 'plugin-ran');
    const plugin = join(server.dir, 'credential-plugin');
    await writeFile(plugin, `#!/bin/sh\ntouch '${ran}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`);
    await chmod(plugin, 0o755);
    const withPlugin = join(server.dir, 'plugin.kubeconfig');
    await writeFile(withPlugin, [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'clusters:',
      '- name: c',
      '  cluster:',
      `    server: ${server.url}`,
      'users:',
      '- name: c',
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1',
      `      command: ${plugin}`,
      '      interactiveMode: Never',
      'contexts:',
      '- name: c',
      '  context:',
      '    cluster: c',
      '    user: c',
      '',
    ].join('\n'));
    const before = server.received.length;
    expect(await sendEarlyRequests(['get', '/registry', '--kubeconfig', withPlugin], {})).toBeUndefined();
    expect(existsSync(ran)).toBe(false);
    expect(await sendEarlyRequests(['get', '/registry', '--kubeconfig', server.kubeconfig], { HTTPS_PROXY: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(await sendEarlyRequests(['decode', 'x.pb', '--kubeconfig', server.kubeconfig], {})).toBeUndefined();
    // A client key OpenSSL cannot read: nothing sent, nothing thrown (the CLI reports it).
    const badKey = join(server.dir, 'bad-key.kubeconfig');
    await writeKubeconfig(badKey, { server: server.url, caCertPem: server.pki.tls.caCertPem, credentials: { ...server.pki.admin, keyPem: 'not a key' } });
    expect(await sendEarlyRequests(['get', '/registry', '--kubeconfig', badKey], {})).toBeUndefined();
    expect(server.received.length).toBe(before);
  });
});
