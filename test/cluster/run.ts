import { execFile } from 'node:child_process';

export interface RunOptions {
  /** Bytes written to the child's stdin, then closed. */
  input?: Uint8Array | string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs a program with an argument array (never through a shell); rejects with its stderr when it exits non-zero. */
export function runProgram(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, encoding: 'buffer', maxBuffer: 1 << 30 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.toString('utf8').trim();
          reject(new Error(`${file} ${args.slice(0, 3).join(' ')} failed: ${detail || error.message}`, { cause: error }));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
    // A program that exits without reading its stdin makes the write fail with EPIPE; its exit status tells the story.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}
