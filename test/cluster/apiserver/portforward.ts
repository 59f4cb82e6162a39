/**
 * One port-forward session over an upgraded WebSocket, as the runtime's WebSocket server runs it: per requested
 * port a data channel (2i) and an error channel (2i+1), each opened with the port as 2 little-endian bytes.
 */
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import type { Faults, PodEntry } from '../model.js';
import { ChannelSender } from './channel-sender.js';

function portHeader(port: number): Buffer {
  const header = Buffer.alloc(2);
  header.writeUInt16LE(port);
  return header;
}

/** The pod sandbox ID containerd would name in its errors (64 hex digits, stable per pod). */
function sandboxIdOf(entry: PodEntry): string {
  return createHash('sha256').update(entry.object.metadata.uid ?? entry.object.metadata.name).digest('hex');
}

/** containerd's error when nothing listens on the port in the pod's network namespace. */
function refusedMessage(entry: PodEntry, port: number): string {
  const sandbox = sandboxIdOf(entry);
  const netns = entry.object.spec['hostNetwork'] === true ? 'host' : `/var/run/netns/cni-${sandbox.slice(0, 8)}`;
  const dialErrors =
    `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace ` +
    `"${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", ${dialErrors}`
  );
}

/** Connects at once, so that client data arriving meanwhile is queued by the socket rather than lost. */
function connectLocal(port: number | undefined): { socket?: Socket; connected: Promise<boolean> } {
  if (port === undefined) return { connected: Promise.resolve(false) };
  const socket = connect({ host: '127.0.0.1', port });
  const connected = new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  return { socket, connected };
}

async function forwardPort(
  ws: WebSocket,
  sender: ChannelSender,
  entry: PodEntry,
  index: number,
  port: number,
  headersSent: Promise<void>,
): Promise<void> {
  const dataChannel = index * 2;
  const { socket: target, connected } = connectLocal(entry.ports?.[port]);
  const fromClient = (data: RawData) => {
    const frame = data as Buffer;
    if (frame[0] === dataChannel && target && !target.write(frame.subarray(1))) ws.pause();
  };
  ws.on('message', fromClient);
  await headersSent;
  if (!target || !(await connected)) {
    ws.off('message', fromClient);
    target?.destroy();
    await sender.control(dataChannel + 1, Buffer.from(refusedMessage(entry, port)));
    return;
  }
  target.on('drain', () => ws.resume());
  ws.once('close', () => target.destroy());
  target.on('error', () => target.destroy());
  try {
    for await (const chunk of target) {
      if (sender.wasCut) break;
      await sender.data(dataChannel, chunk as Buffer);
    }
  } catch {
    // The target reset the connection: the pair ends as if it closed.
  } finally {
    ws.off('message', fromClient);
    target.destroy();
  }
}

export async function runPortForwardSession(
  ws: WebSocket,
  socket: Socket,
  entry: PodEntry,
  ports: number[],
  faults: Faults,
): Promise<void> {
  const sender = new ChannelSender(ws, socket, faults);
  const headersSent = (async () => {
    for (const [index, port] of ports.entries()) {
      await sender.control(index * 2, portHeader(port));
      await sender.control(index * 2 + 1, portHeader(port));
    }
  })();
  await Promise.all(ports.map((port, index) => forwardPort(ws, sender, entry, index, port, headersSent)));
  if (sender.wasCut) return;
  await sender.flushed();
  ws.close(1000);
}
