/**
 * The quick kubeconfig reader never disagrees with the full YAML parser: on files the real kubectl writes, on the
 * stand-in's admin.conf, and on generated kubeconfig-shaped documents it reads exactly what `yaml` reads, or
 * declines (undefined) and leaves the file to `yaml`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readSimpleKubeconfig } from '../../src/kube/kubeconfig-yaml.js';
import { writeKubeconfig } from '../cluster/apiserver/credentials.js';
import { locateProgram } from '../cluster/host-tools.js';
import { runProgram } from '../cluster/kubectl-runner.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubectl-etcd-kubeconfig-yaml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const kubectl = await locateProgram('kubectl');

describe('files real tools write', () => {
  it.skipIf(!kubectl)('reads what kubectl config set-* writes (embedded certificates, tokens, exec plugins), as yaml does', async () => {
    const path = join(dir, 'kubectl-written');
    const ca = join(dir, 'ca.crt');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG...\n-----END CERTIFICATE-----\n');
    const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: path };
    const steps = [
      ['config', 'set-cluster', 'prod', '--server=https://10.0.0.1:6443', `--certificate-authority=${ca}`, '--embed-certs', '--tls-server-name=kubernetes'],
      ['config', 'set-cluster', 'eks', '--server=https://ABC.gr7.us-west-2.eks.amazonaws.com', '--insecure-skip-tls-verify=true'],
      ['config', 'set-credentials', 'admin', '--token=abc.def-123'],
      ['config', 'set-credentials', 'aws', '--exec-command=aws', '--exec-arg=eks', '--exec-arg=get-token', '--exec-arg=--cluster-name', '--exec-arg=my cluster', '--exec-env=AWS_PROFILE=prod', '--exec-api-version=client.authentication.k8s.io/v1beta1'],
      ['config', 'set-context', 'admin@prod', '--cluster=prod', '--user=admin', '--namespace=kube-system'],
      ['config', 'set-context', 'arn:aws:eks:us-west-2:123456789012:cluster/my-cluster', '--cluster=eks', '--user=aws'],
      ['config', 'use-context', 'admin@prod'],
    ];
    for (const step of steps) {
      const run = await runProgram(kubectl ?? 'kubectl', step, env);
      expect(run.code, run.stderr).toBe(0);
    }
    const text = await readFile(path, 'utf8');
    const quick = readSimpleKubeconfig(text);
    expect(quick).toBeDefined();
    expect(quick).toEqual(parse(text));
  });

  it("reads the stand-in cluster's admin.conf (written by the yaml package), as yaml does", async () => {
    const path = join(dir, 'admin.conf');
    await writeKubeconfig(path, { server: 'https://127.0.0.1:6443', caCertPem: 'CA', credentials: { user: 'kubernetes-admin', certPem: 'CERT', keyPem: 'KEY' }, namespace: 'default' });
    const text = await readFile(path, 'utf8');
    expect(readSimpleKubeconfig(text)).toBeDefined();
    expect(readSimpleKubeconfig(text)).toEqual(parse(text));
  });
});

describe('declining what it does not read', () => {
  it.each([
    ['an anchor', 'clusters: &c\n- name: a\nother: *c\n'],
    ['a block scalar', 'current-context: |\n  a\n'],
    ['an escaped quoted scalar', 'current-context: "a\\tb"\n'],
    ['a flow mapping with content', 'preferences: {colors: true}\n'],
    ['a comment after a value', 'current-context: a # the default\n'],
    ['a float', 'x: 1.5\n'],
    ['a tab', 'x:\n\ty: 1\n'],
    ['a duplicate key', 'x: 1\nx: 2\n'],
    ['two documents', 'x: 1\n---\ny: 2\n'],
    ['a top-level sequence', '- a\n- b\n'],
    ['a wrongly indented line', 'x:\n    y: 1\n  z: 2\n'],
  ])('%s', (_what, text) => {
    expect(readSimpleKubeconfig(text)).toBeUndefined();
  });
});

const word = fc.stringMatching(/^[A-Za-z0-9 :#'"\-_./@=+~!&*{}[\],%`|>?]{0,12}$/);
const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const leaf = fc.oneof(word, fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }), fc.constant({}), fc.constant([]));
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;
const kubeconfigLike = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });

describe('generated documents', () => {
  it('never reads something other than what yaml reads', () => {
    fc.assert(
      fc.property(kubeconfigLike, fc.boolean(), (document, indentSeq) => {
        const text = stringify(document, { indentSeq });
        const quick = readSimpleKubeconfig(text);
        if (quick !== undefined) expect(quick).toEqual(parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads documents of plain words, numbers and nesting in both sequence styles (sequences of scalars and mappings, as in kubeconfigs)', () => {
    const plainWord = fc.stringMatching(/^[a-z][a-z0-9./@-]{0,12}$/).filter((w) => !/^(null|true|false)$/i.test(w));
    const plainValue = fc.letrec<{ node: unknown; mapping: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, plainWord, fc.integer(), fc.boolean(), fc.array(fc.oneof(plainWord, fc.integer(), tie('mapping')), { minLength: 1, maxLength: 3 }), tie('mapping')),
      mapping: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, plainValue, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (document, indentSeq) => {
        const text = stringify(document, { indentSeq });
        expect(readSimpleKubeconfig(text)).toEqual(parse(text));
      }),
      { numRuns: 1000 },
    );
  });
});
