/** Small helpers the cluster tests share. */
import { access } from 'node:fs/promises';
import { startInContainer } from './apiserver/container-process.js';
import type { Container } from './model.js';

export const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** `--name=value` from a container command or args; '' when absent. */
export function flag(args: readonly string[], name: string): string {
  const prefix = `--${name}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? '';
}

/** Runs argv in the container as the runtime runs a `kubectl exec`; rejects when the runtime refuses to start it. */
export async function execIn(container: Container, argv: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = await startInContainer(container, argv, ['ignore', 'pipe', 'pipe']);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stdout, stderr, code };
}
