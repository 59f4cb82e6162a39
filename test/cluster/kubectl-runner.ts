/** Running the real kubectl from tests: whether it is usable here, and one invocation against a kubeconfig. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { locateProgram } from './host-tools.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

/** Why kubectl cannot be tested against here (missing, or older than 1.30 and so without WebSocket exec). */
export async function kubectlUnavailable(): Promise<string | undefined> {
  const kubectl = await locateProgram('kubectl');
  if (!kubectl) return 'kubectl is not on PATH';
  const { stdout } = await runProgram(kubectl, ['version', '--client', '-o', 'json'], process.env);
  const version = (JSON.parse(stdout || '{}') as { clientVersion?: { major?: string; minor?: string } }).clientVersion;
  const minor = Number.parseInt(version?.minor ?? '', 10);
  if (version?.major !== '1' || !(minor >= 30)) return `kubectl ${version?.major}.${version?.minor} is older than 1.30 (no WebSocket exec)`;
  return undefined;
}

/** A kubectl bound to one kubeconfig; its discovery cache and HOME live in `scratchDir`, which the caller removes. */
export async function kubectlFor(kubeconfigPath: string, scratchDir: string): Promise<(args: string[], input?: string) => Promise<Run>> {
  const kubectl = await locateProgram('kubectl');
  if (!kubectl) throw new Error('kubectl is not on PATH');
  const env = { PATH: process.env['PATH'], HOME: scratchDir, KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(scratchDir, 'kube-cache') };
  return (args, input) => runProgram(kubectl, args, env, input);
}
