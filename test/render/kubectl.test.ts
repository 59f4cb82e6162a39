/**
 * The printers against the real kubectl, when one is installed: `kubectl annotate --local -f -` prints the object it
 * reads with the same printers as `kubectl get -o yaml|json`, without a cluster. The objects hold a generated
 * corpus of edge cases (test/render/kubectl-corpus.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/codec/value.js';
import { toKubectlJson } from '../../src/render/json.js';
import { toKubectlYaml } from '../../src/render/yaml.js';
import { kubectlCorpus } from './kubectl-corpus.js';

/** No kubeconfig: --local never needs a cluster, and none should be contacted. */
const env = { ...process.env, KUBECONFIG: '/dev/null' };
const version = spawnSync('kubectl', ['version', '--client'], { env, encoding: 'utf8' });
const kubectlVersion = version.status === 0 ? /Client Version: (\S+)/.exec(version.stdout)?.[1] : undefined;

/** kubectl's print of `object`; the annotation it sets is already there, so the object is printed unchanged. */
function kubectlPrint(object: JsonObject, format: 'yaml' | 'json'): string {
  const args = ['annotate', '--local', '-f', '-', 'probe=1', '--overwrite', '-o', format];
  return execFileSync('kubectl', args, { input: JSON.stringify(object), env, encoding: 'utf8', maxBuffer: 1 << 26 });
}

function probe(body: JsonObject): JsonObject {
  return { apiVersion: 'example.com/v1', kind: 'Probe', metadata: { name: 'probe', annotations: { probe: '1' } }, ...body };
}

const title = kubectlVersion ? `kubectl ${kubectlVersion}` : 'kubectl (skipped: no kubectl on PATH)';

describe.skipIf(!kubectlVersion)(title, () => {
  it.each([1, 2, 3, 4, 5])('prints corpus %i as YAML and JSON exactly as kubectl does', (seed) => {
    const object = probe(kubectlCorpus(seed));
    expect(toKubectlYaml(object)).toBe(kubectlPrint(object, 'yaml'));
    expect(toKubectlJson(object)).toBe(kubectlPrint(object, 'json'));
  });
});
