/**
 * One exec session over an upgraded WebSocket: what the API server's v5 stream translator does in front of
 * containerd, or containerd's own WebSocket server for v4 and the older channel.k8s.io protocols.
 */
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import type { Container, Faults } from '../model.js';
import { ChannelSender } from './channel-sender.js';
import { ExecStartError, exitStatusOf, startInContainer } from './container-process.js';
import { internalError, nonZeroExit, success, type Status } from './status.js';

/** v5: the API server's translator; v4 and v1 (`channel.k8s.io` or no subprotocol): the runtime's server. */
export type ExecProtocol = 'v5' | 'v4' | 'v1';

// Channels; 4 (terminal resize) is read and ignored, as there is no terminal.
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
/** v5 only: `ff <channel>` closes that stream (stdin EOF). */
const CLOSE_STREAM = 0xff;

export interface ExecOptions {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** The status the client receives, worded as each path words it (the v5 translator wraps the runtime's errors). */
function statusFor(protocol: ExecProtocol, command: readonly string[], outcome: { exitCode: number } | { startError: string }): Status {
  if ('startError' in outcome) {
    const runtimeMessage = `error executing command in container: ${outcome.startError}`;
    return protocol === 'v5' ? internalError(`Internal error occurred: ${runtimeMessage}`) : internalError(runtimeMessage);
  }
  if (outcome.exitCode === 0) return success();
  const how =
    protocol === 'v5'
      ? `command terminated with exit code ${outcome.exitCode}`
      : `error executing command [${command.join(' ')}], exit code ${outcome.exitCode}`;
  return nonZeroExit(outcome.exitCode, how);
}

/** v4 and v5 send the Status as JSON; v1 sends only a failure's message, as plain text. */
function statusPayload(protocol: ExecProtocol, status: Status): Buffer | undefined {
  if (protocol !== 'v1') return Buffer.from(JSON.stringify(status));
  return status.status === 'Success' ? undefined : Buffer.from(status.message ?? '');
}

/** Client frames: stdin data into a buffer stream that exists before the process does, and the v5 stdin close. */
function receiveStdin(ws: WebSocket, protocol: ExecProtocol, wanted: boolean): PassThrough {
  const stdin = new PassThrough();
  stdin.on('drain', () => ws.resume());
  ws.on('message', (data: RawData) => {
    const frame = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    if (frame.length === 0 || !wanted || stdin.writableEnded) return;
    if (frame[0] === STDIN) {
      if (!stdin.write(frame.subarray(1))) ws.pause();
    } else if (frame[0] === CLOSE_STREAM && protocol === 'v5' && frame[1] === STDIN) {
      stdin.end();
    }
  });
  ws.on('close', () => stdin.end());
  return stdin;
}

async function pump(output: Readable | null, channel: number, sender: ChannelSender): Promise<void> {
  if (!output) return;
  for await (const chunk of output) {
    if (sender.wasCut) {
      output.destroy();
      return;
    }
    await sender.data(channel, chunk as Buffer);
  }
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', () => resolve(126));
    child.once('exit', (code, signal) => resolve(exitStatusOf(code, signal)));
  });
}

export async function runExecSession(
  ws: WebSocket,
  socket: Socket,
  protocol: ExecProtocol,
  container: Container,
  options: ExecOptions,
  faults: Faults,
): Promise<void> {
  const sender = new ChannelSender(ws, socket, faults);
  const stdin = receiveStdin(ws, protocol, options.stdin);
  // Both servers announce the session with an empty frame on the lowest channel the client reads.
  await sender.control(options.stdout ? STDOUT : options.stderr ? STDERR : STATUS);

  let child: ChildProcess;
  try {
    child = await startInContainer(container, options.command, [
      options.stdin ? 'pipe' : 'ignore',
      options.stdout ? 'pipe' : 'ignore',
      options.stderr ? 'pipe' : 'ignore',
    ]);
  } catch (error) {
    if (!(error instanceof ExecStartError)) throw error;
    await finish(ws, sender, protocol, statusFor(protocol, options.command, { startError: error.message }));
    return;
  }
  const exited = exitOf(child);
  // A client gone before the command ends leaves no one to read it: the command is killed, not left running.
  const abandon = () => child.kill('SIGKILL');
  ws.once('close', abandon);
  if (ws.readyState !== WebSocket.OPEN) abandon();
  if (child.stdin) {
    child.stdin.on('error', () => undefined);
    stdin.pipe(child.stdin);
  }
  await Promise.all([pump(child.stdout, STDOUT, sender), pump(child.stderr, STDERR, sender)]);
  if (sender.wasCut) abandon();
  const exitCode = await exited;
  ws.off('close', abandon);
  stdin.unpipe();
  if (sender.wasCut || ws.readyState !== WebSocket.OPEN) return;
  await finish(ws, sender, protocol, statusFor(protocol, options.command, { exitCode }));
}

/** Reports the status, then closes: the client's reply to the close frame (or ws's timeout) ends the connection. */
async function finish(ws: WebSocket, sender: ChannelSender, protocol: ExecProtocol, status: Status): Promise<void> {
  const payload = statusPayload(protocol, status);
  if (payload) await sender.control(STATUS, payload);
  await sender.flushed();
  ws.close(1000);
}
