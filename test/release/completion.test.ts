/**
 * Shell completion: candidates for the words after `kubectl etcd` from the real command modules (subcommands,
 * flags, choices, resource names from the key layout), the same flags as each command's --help, live keys, names
 * and namespaces from the stand-in cluster's etcd, the bash and fish scripts in the real shells, the zsh script
 * through zsh's parser, and kubectl_complete-etcd as installed and as the real kubectl runs it.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, Directive, type Completion } from '../../src/cli/completion-engine.js';
import { clusterValueSource, resourceNames } from '../../src/cli/completion-sources.js';
import { rootSpec, type CommandSpec } from '../../src/cli/completion-spec.js';
import { inputFormats } from '../../src/codec/input-format.js';
import { loadCommands } from '../../src/cli/commands.js';
import { keyFormats } from '../../src/render/key-printers.js';
import { launcher, repoRoot, requireBuild, runProgram } from '../cli/cli-runner.js';
import { useCluster } from '../cluster/harness.js';
import { locateProgram } from '../cluster/host-tools.js';

const run = promisify(execFile);
const root = rootSpec(await loadCommands());

async function candidates(...words: string[]): Promise<string[]> {
  return (await complete(root, words, clusterValueSource)).candidates.map((c) => c.value);
}

function completion(...words: string[]): Promise<Completion> {
  return complete(root, words, clusterValueSource);
}

describe('candidates from the command modules', () => {
  it('kubectl etcd g -> get, with its description', async () => {
    const result = await completion('g');
    expect(result.candidates).toEqual([{ value: 'get', description: root.subcommands.find((c) => c.name === 'get')?.description }]);
    expect(result.directive).toBe(Directive.noFileComp);
  });

  it('kubectl etcd <TAB> -> every command, none hidden', async () => {
    const all = await candidates('');
    expect(all).toEqual(expect.arrayContaining(['decode', 'encode', 'get', 'ls', 'version', 'completion']));
    expect(all).not.toContain('__complete');
  });

  it('kubectl etcd get deploy -> deployments; get po -> the resources starting with po', async () => {
    expect(await candidates('get', 'deploy')).toEqual(['deployments']);
    const po = await candidates('get', 'po');
    expect(po).toEqual(resourceNames().filter((name) => name.startsWith('po')));
    expect(po).toEqual(expect.arrayContaining(['pods', 'podtemplates', 'poddisruptionbudgets']));
  });

  it('every command taking `<target> [name]` (get, watch, history, diff) completes resource names alike', async () => {
    const resourceCommands = root.subcommands.filter((spec) => spec.positionals.map((p) => p.name).join(' ') === 'target name').map((spec) => spec.name);
    expect(resourceCommands).toContain('get');
    for (const command of resourceCommands) expect(await candidates(command, 'deploy')).toEqual(['deployments']);
  });

  it('flags of the command reached, short and long; a flag given once is not offered again', async () => {
    expect(await candidates('get', '--o')).toEqual(['--output']);
    const dash = await candidates('get', '-');
    expect(dash).toEqual(expect.arrayContaining(['-o', '-n', '-A', '--namespace', '--kubeconfig', '--help', '-h']));
    const after = await candidates('get', 'pods', '--namespace', 'shop', '-');
    expect(after).not.toContain('--namespace');
    expect(after).not.toContain('-n');
  });

  it('choices of a flag, after a space or an =', async () => {
    expect(await candidates('get', '-o', '')).toEqual([...keyFormats]);
    expect(await candidates('get', '--output=ya')).toEqual(['--output=yaml']);
    expect(await candidates('decode', '--input', '')).toEqual([...inputFormats]);
  });

  it('subcommands of commands that have them', async () => {
    expect(await candidates('completion', '')).toEqual(['bash', 'zsh', 'fish', 'install']);
    expect(await candidates('member', '')).toEqual(['list']);
    expect(await candidates('endpoint', '')).toEqual(['status', 'health']);
  });

  it('leaves file names to the shell where a file is wanted', async () => {
    expect(await completion('decode', '')).toEqual({ candidates: [], directive: Directive.default });
    expect(await completion('get', 'pods', '--encryption-config', '')).toEqual({ candidates: [], directive: Directive.default });
    expect(await completion('get', 'pods', '--pod', '')).toEqual({ candidates: [], directive: Directive.noFileComp });
  });
});

/** Long flags in a help text, as yargs lays out its flag lines: `  -o, --output  ...` or `      --prefix  ...`. */
function helpFlags(help: string): string[] {
  return [...new Set([...help.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+)(?= {2}|$)/gm)].map((m) => m[1] as string))].sort();
}

function specFlags(spec: CommandSpec): string[] {
  return spec.options.map((o) => o.names[0] as string).sort();
}

describe('the same flags as --help shows, for every command and subcommand', () => {
  const visit = (spec: CommandSpec, path: string[]): Array<[string[], CommandSpec]> => [[path, spec], ...spec.subcommands.flatMap((sub) => visit(sub, [...path, sub.name]))];
  const all = root.subcommands.flatMap((spec) => visit(spec, [spec.name]));

  it.each(all.map(([path, spec]) => [path.join(' '), path, spec] as const))('%s', async (_name, path, spec) => {
    requireBuild();
    const help = await runProgram(launcher, [...path, '--help'], { PATH: process.env['PATH'], HOME: tmpdir() });
    expect(specFlags(spec)).toEqual(helpFlags(help.out));
  });
});

describe('live candidates from the stand-in cluster (kubeadm, demo seed)', () => {
  const cluster = useCluster({ profile: 'kubeadm', seed: 'demo' });
  const kube = () => ['--kubeconfig', cluster().kubeconfigPath];

  async function keysUnder(prefix: string): Promise<string[]> {
    const { stdout } = await cluster().etcd.etcdctl(['get', prefix, '--prefix', '--keys-only']);
    return stdout.toString('utf8').split('\n').filter((line) => line !== '');
  }

  it('a key prefix completes one path segment at a time, without a space after a /', async () => {
    const resources = await completion('get', ...kube(), '/registry/dep');
    expect(resources).toEqual({ candidates: [{ value: '/registry/deployments/' }], directive: Directive.noFileComp | Directive.noSpace });
    const expected = [...new Set((await keysUnder('/registry/deployments/')).map((key) => `${key.split('/').slice(0, 4).join('/')}/`))];
    expect(await candidates('get', ...kube(), '/registry/deployments/')).toEqual(expected);
    const [firstKey] = await keysUnder('/registry/deployments/');
    expect(await completion('del', ...kube(), (firstKey as string).slice(0, -1))).toEqual({ candidates: [{ value: firstKey }], directive: Directive.noFileComp });
    expect(await candidates('ls', ...kube(), '/registry/p')).toEqual(expect.arrayContaining(['/registry/pods/']));
  });

  it('object names of a resource in the namespace given, and resource/name forms', async () => {
    const names = (await keysUnder('/registry/deployments/shop/')).map((key) => key.slice(key.lastIndexOf('/') + 1));
    expect(names.length).toBeGreaterThan(0);
    expect(await candidates('get', 'deploy', '-n', 'shop', ...kube(), '')).toEqual(names);
    expect(await candidates('get', ...kube(), '--namespace=shop', 'deploy/')).toEqual(names.map((name) => `deploy/${name}`));
  });

  it('namespaces for -n', async () => {
    const namespaces = (await keysUnder('/registry/namespaces/')).map((key) => key.slice('/registry/namespaces/'.length));
    expect(await candidates('get', 'pods', ...kube(), '-n', '')).toEqual(namespaces);
  });

  it('nothing, quickly, when the cluster cannot be reached', async () => {
    const started = Date.now();
    expect(await completion('get', '--kubeconfig', join(tmpdir(), 'no-such-kubeconfig'), '/registry/')).toEqual({ candidates: [], directive: Directive.noFileComp });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('shell scripts and kubectl_complete-etcd', () => {
  let work: string;
  let pathWithPlugin: string;

  beforeAll(async () => {
    requireBuild();
    work = await mkdtemp(join(tmpdir(), 'kubectl-etcd-completion-'));
    await mkdir(join(work, 'bin'));
    await symlink(launcher, join(work, 'bin', 'kubectl-etcd'));
    pathWithPlugin = `${join(work, 'bin')}:${process.env['PATH'] ?? ''}`;
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('bash: the script completes kubectl-etcd words in a real bash', async () => {
    const bash = await locateProgram('bash');
    if (!bash) return expect.fail('bash is not installed');
    const script = [
      'source <(kubectl-etcd completion bash)',
      // What bash sets before calling a completion function: the line, the cursor, the words split at COMP_WORDBREAKS.
      't() { COMP_LINE=$1 COMP_POINT=${#1}; COMPREPLY=(); __kubectl_etcd_complete; printf "%s|" "${COMPREPLY[@]}"; echo; }',
      't "kubectl-etcd g"', 't "kubectl-etcd get deploy"', 't "kubectl-etcd get --output=ya"', 't "kubectl-etcd completion "',
    ].join('\n');
    const { stdout } = await run(bash, ['-c', script], { env: { PATH: pathWithPlugin, HOME: work } });
    expect(stdout.split('\n')).toEqual(['get|', 'deployments|', 'yaml|', 'bash|zsh|fish|install|', '']);
  });

  it('fish: the script completes kubectl-etcd words in a real fish', async (context) => {
    const fish = await locateProgram('fish');
    if (!fish) return context.skip('fish is not installed');
    const script = 'kubectl-etcd completion fish | source; complete -C "kubectl-etcd g"; complete -C "kubectl-etcd get -o j"';
    const { stdout } = await run(fish, ['--no-config', '-c', script], { env: { PATH: pathWithPlugin, HOME: work } });
    expect(stdout.split('\n')).toEqual([expect.stringMatching(/^get\tRead keys/), 'json', '']);
  });

  it('zsh: the script parses (zsh -n), and its function hands zsh the candidates with their descriptions', async (context) => {
    const zsh = await locateProgram('zsh');
    if (!zsh) return context.skip('zsh is not installed');
    const { stdout: script } = await run(launcher, ['completion', 'zsh']);
    await expect(run(zsh, ['-n', '-c', script])).resolves.toMatchObject({ stderr: '' });
    // zsh's completion system calls the function with words and CURRENT set; _describe and _files, which put the
    // candidates on screen, stand in here to print what they are given.
    const probe = [
      'compdef() { :; }',
      'source <(kubectl-etcd completion zsh)',
      '_describe() { local name=$4; shift 4; print -r -- "${(j:|:)${(@P)name}} ${*}"; }',
      '_files() { print -r -- files; }',
      't() { words=(kubectl-etcd "$@"); CURRENT=${#words}; __kubectl_etcd_complete || print -r -- none; }',
      't g', 't get deploy', 't get --output=ya', 't completion ""', 't decode ""',
    ].join('\n');
    const { stdout } = await run(zsh, ['-f', '-c', probe], { env: { PATH: pathWithPlugin, HOME: work } });
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(/^get:Read keys[^|]* $/),
      expect.stringMatching(/^deployments(:[^|]*)? $/),
      // zsh completes the whole word, the part before = included (bash, which splits words at =, gets `yaml`).
      expect.stringMatching(/^--output=yaml(:[^|]*)? $/),
      expect.stringMatching(/^bash(:[^|]*)?\|zsh(:[^|]*)?\|fish(:[^|]*)?\|install(:[^|]*)? $/),
      'files',
      '',
    ]);
  });

  it('completion install writes kubectl_complete-etcd beside the kubectl-etcd on PATH, the same as the npm bin, once', async () => {
    const env = { PATH: pathWithPlugin, HOME: work };
    const first = await runProgram(launcher, ['completion', 'install'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const installed = join(work, 'bin', 'kubectl_complete-etcd');
    expect(first.out).toContain(`${installed} written`);
    expect(await readFile(installed, 'utf8')).toBe(await readFile(join(repoRoot, 'bin', 'kubectl_complete-etcd'), 'utf8'));
    expect((await stat(installed)).mode & 0o777).toBe(0o755);
    expect((await runProgram(launcher, ['completion', 'install'], env)).out).toContain('already in place');
    const answer = await runProgram(installed, ['get', 'deploy'], env);
    expect(answer.out).toBe('deployments\n:4\n');
  });

  it('completion install says why when no kubectl-etcd is on PATH', async () => {
    await mkdir(join(work, 'empty'), { recursive: true });
    // The system folders stay: the launcher is a sh script that needs dirname.
    const result = await runProgram(launcher, ['completion', 'install'], { PATH: `${join(work, 'empty')}:/usr/bin:/bin`, HOME: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kubectl-etcd is not on PATH');
  });

  it('kubectl (1.26+) completes `kubectl etcd ...` through the installed script', async (context) => {
    const kubectl = await locateProgram('kubectl');
    if (!kubectl) return context.skip('kubectl is not on PATH');
    const env = { PATH: pathWithPlugin, HOME: work };
    await runProgram(launcher, ['completion', 'install'], env);
    const result = await runProgram(kubectl, ['__complete', 'etcd', 'get', 'deploy'], env);
    expect(result.out.split('\n')).toEqual(['deployments', ':4', '']);
    expect(result.stderr).toContain(`About to call: ${join(work, 'bin', 'kubectl_complete-etcd')} get deploy`);
  });
});
