/** Reading inputs and writing outputs for the commands, with errors a person understands. */
import { readFileSync, writeSync } from 'node:fs';
import { ExitCode, UserError } from './exit-codes.js';
import { stdoutKind } from './stdout-kind.js';

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readInputFile(path: string): Promise<Buffer> {
  if (path === '-') return readStdin();
  try {
    // Synchronous: one file, and no thread-pool start-up on the way to the first byte.
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UserError(`cannot read ${path}: ${why}`, ExitCode.error);
  }
}

/** Writes and waits until the data is handed to the OS, so exit codes never cut output short. */
export function writeStdout(data: string | Uint8Array): Promise<void> {
  const kind = stdoutKind();
  if (kind === 'file' || kind === 'null') {
    // What process.stdout would do for these too: synchronous writes, all of the data.
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length;) written += writeSync(1, bytes, written);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (error) => {
      // A closed pipe is the reader having enough (`| head`): main() ends the process quietly.
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else if (!error) resolve();
    });
  });
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
