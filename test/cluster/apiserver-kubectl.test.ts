/** The real kubectl (1.30 or newer, when on PATH) against the stand-in API server. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useFixtureKubectl } from './apiserver-fixture.js';
import { kubectlUnavailable } from './kubectl-runner.js';

const unavailable = await kubectlUnavailable();

describe.skipIf(unavailable !== undefined)(`real kubectl${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const { fixture, kubectl } = useFixtureKubectl();

  it('kubectl get pods -n kube-system prints the table', async () => {
    const result = await kubectl(['get', 'pods', '-n', 'kube-system']);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/));
    expect(lines.map((cells) => cells.slice(0, 4))).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS'],
      ['etcd-node1', '1/1', 'Running', '0'],
      ['kube-apiserver-node1', '1/1', 'Running', '0'],
    ]);
  });

  it('kubectl get with a label selector, across namespaces and for nodes', async () => {
    const pods = await kubectl(['get', 'pods', '-A', '-l', 'component=etcd', '-o', 'name']);
    expect(pods.stdout).toBe('pod/etcd-node1\n');
    const nodes = await kubectl(['get', 'nodes']);
    expect(nodes.stdout.split('\n')[1]?.split(/\s+/).slice(0, 3)).toEqual(['node1', 'Ready', 'control-plane']);
  });

  it('kubectl exec passes stdin through and propagates the exit code', async () => {
    const result = await kubectl(['exec', '-i', '-n', 'kube-system', 'etcd-node1', '--', 'sh', '-c', 'cat; echo to-stderr >&2; exit 5'], 'from stdin\n');
    expect(result.stdout).toBe('from stdin\n');
    expect(result.stderr).toBe('to-stderr\ncommand terminated with exit code 5\n');
    expect(result.code).toBe(5);
    const ok = await kubectl(['exec', '-n', 'kube-system', 'etcd-node1', '--', 'cat', '/data/hello.txt']);
    expect(ok).toEqual({ code: 0, stdout: 'hello from the container\n', stderr: '' });
  });

  it('kubectl exec of a command the distroless image lacks fails as on a containerd node', async () => {
    const result = await kubectl(['exec', '-n', 'kube-system', 'kube-apiserver-node1', '--', 'sh', '-c', 'true']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it('kubectl cp copies to and from a container whose image has tar', async () => {
    const local = join(fixture().dir, 'to-pod.txt');
    await writeFile(local, 'copied in\n');
    const up = await kubectl(['cp', local, 'kube-system/etcd-node1:/tmp/copied.txt']);
    expect(up.code).toBe(0);
    expect((await kubectl(['exec', '-n', 'kube-system', 'etcd-node1', '--', 'cat', '/tmp/copied.txt'])).stdout).toBe('copied in\n');
    const back = join(fixture().dir, 'from-pod.txt');
    const down = await kubectl(['cp', 'kube-system/etcd-node1:/data/hello.txt', back]);
    expect(down.code).toBe(0);
    expect(await readFile(back, 'utf8')).toBe('hello from the container\n');
  });

  it('kubectl cp fails the distroless way when the image has no tar', async () => {
    const result = await kubectl(['cp', 'kube-system/kube-apiserver-node1:/etc/passwd', join(fixture().dir, 'never.txt')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exec: "tar": executable file not found in $PATH: unknown');
  });

  it('kubectl shows the real errors: 404 pod, 400 container, 403 RBAC, 500', async () => {
    const missing = await kubectl(['exec', '-n', 'kube-system', 'etcd-nope', '--', 'true']);
    expect(missing).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "etcd-nope" not found\n' });
    const container = await kubectl(['exec', '-n', 'kube-system', 'etcd-node1', '-c', 'nope', '--', 'true']);
    expect(container).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container nope is not valid for pod etcd-node1\n' });

    fixture().faults.deny = [{ verb: 'create', resource: 'pods/exec' }];
    try {
      const denied = await kubectl(['exec', '-n', 'kube-system', 'etcd-node1', '--', 'true']);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toBe(
        'Error from server (Forbidden): pods "etcd-node1" is forbidden: User "kubernetes-admin" cannot create resource "pods/exec" in API group "" in the namespace "kube-system"\n',
      );
    } finally {
      fixture().faults.deny = [];
    }

    fixture().faults.serverError = true;
    try {
      const failed = await kubectl(['get', 'pods', '-n', 'kube-system', 'etcd-node1']);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('Error from server (InternalError): Internal error occurred: injected fault');
    } finally {
      fixture().faults.serverError = false;
    }
  });

  it('kubectl exec sees a cut stream as a failure, with the output up to the cut', async () => {
    fixture().faults.cutStreamAfterBytes = 5000;
    try {
      const result = await kubectl(['exec', '-n', 'kube-system', 'etcd-node1', '--', 'sh', '-c', 'yes | head -c 100000']);
      expect(result.stdout.length).toBe(5000);
      expect(result.code).not.toBe(0);
    } finally {
      delete fixture().faults.cutStreamAfterBytes;
    }
  });
});
