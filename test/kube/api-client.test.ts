/** The API client's TLS set-up from a kubeconfig's CA and client credentials. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ApiClient } from '../../src/kube/api-client.js';
import { ClusterError } from '../../src/kube/errors.js';
import { resolveApiServerAccess, type ApiServerAccess } from '../../src/kube/kubeconfig.js';
import { createApiServerPki, writeKubeconfig, type ApiServerPki, type ClientCredentials } from '../cluster/apiserver/credentials.js';

describe('ApiClient', () => {
  let dir: string;
  let pki: ApiServerPki;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-api-client-'));
    pki = await createApiServerPki(join(dir, 'pki'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const accessWith = async (name: string, credentials: ClientCredentials): Promise<{ kubeconfig: string; access: ApiServerAccess }> => {
    const kubeconfig = join(dir, `${name}.kubeconfig`);
    await writeKubeconfig(kubeconfig, { server: 'https://127.0.0.1:6443', caCertPem: pki.tls.caCertPem, credentials });
    return { kubeconfig, access: await resolveApiServerAccess({ kubeconfig }, {}) };
  };

  const failureOf = (make: () => void): unknown => {
    try {
      make();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('says which kubeconfig context holds a client key that cannot be used, and why (exit 1)', async () => {
    const other = await pki.issueClient('someone-else');
    const cases = [
      { name: 'unreadable-key', credentials: { ...pki.admin, keyPem: 'not a key' }, reason: /cannot be used: DECODER routines::unsupported$/ },
      { name: 'mismatched-key', credentials: { ...pki.admin, keyPem: other.keyPem }, reason: /cannot be used: .*key values mismatch$/ },
    ];
    for (const { name, credentials, reason } of cases) {
      const { kubeconfig, access } = await accessWith(name, credentials);
      const failure = failureOf(() => new ApiClient(access).close());
      expect(failure).toBeInstanceOf(ClusterError);
      expect(failure).toMatchObject({ exitCode: ExitCode.error, message: expect.stringContaining(`the client certificate, key or CA of context "kubernetes-admin@kubernetes" from ${kubeconfig}`) });
      expect((failure as ClusterError).message).toMatch(reason);
    }
    const { access } = await accessWith('fine', pki.admin);
    expect(failureOf(() => new ApiClient(access).close())).toBeUndefined();
  });
});
