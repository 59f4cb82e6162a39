/**
 * The server's sending side of a channel.k8s.io WebSocket: binary frames whose first byte is the channel. Data
 * frames honour the socket's backpressure and the stream faults (throttle, cut after N bytes).
 */
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import type { Faults } from '../model.js';

const HIGH_WATER_BYTES = 1 << 20;
const MAX_FRAME_PAYLOAD = 64 * 1024;

export function channelFrame(channel: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const frame = Buffer.allocUnsafe(payload.length + 1);
  frame[0] = channel;
  frame.set(payload, 1);
  return frame;
}

export class ChannelSender {
  private dataBytes = 0;
  private readonly startedAt = Date.now();
  private lastSend: Promise<void> = Promise.resolve();
  private cut = false;

  /** `socket` is the upgraded connection under `ws`, ended directly when a cut fault fires. */
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Socket,
    private readonly faults: Faults,
  ) {}

  /** True once a cut fault ended the connection. */
  get wasCut(): boolean {
    return this.cut;
  }

  private send(frame: Buffer): Promise<void> {
    const sent = new Promise<void>((resolve) => this.ws.send(frame, { binary: true }, () => resolve()));
    this.lastSend = sent;
    return sent;
  }

  /** Sends a control frame (status, port header) as is: not counted, throttled or cut. */
  async control(channel: number, payload?: Uint8Array): Promise<void> {
    if (this.cut) return;
    await this.send(channelFrame(channel, payload));
  }

  private pieceSize(): number {
    const rate = this.faults.streamBytesPerSecond;
    return rate === undefined ? MAX_FRAME_PAYLOAD : Math.max(1, Math.min(MAX_FRAME_PAYLOAD, Math.floor(rate / 10)));
  }

  private async throttle(bytes: number): Promise<void> {
    const rate = this.faults.streamBytesPerSecond;
    if (rate === undefined) return;
    const due = this.startedAt + ((this.dataBytes + bytes) / rate) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
  }

  /** Ends the connection without a WebSocket close frame or status, after what was sent has left. */
  private async cutConnection(): Promise<void> {
    this.cut = true;
    await this.lastSend;
    this.socket.end();
    this.socket.destroySoon();
  }

  /** Sends output on a data channel; resolves when the socket can take more. */
  async data(channel: number, payload: Uint8Array): Promise<void> {
    let rest = payload;
    while (rest.length > 0 && !this.cut) {
      const piece = rest.subarray(0, this.pieceSize());
      rest = rest.subarray(piece.length);
      await this.throttle(piece.length);
      const limit = this.faults.cutStreamAfterBytes;
      if (limit !== undefined && this.dataBytes + piece.length >= limit) {
        const allowed = piece.subarray(0, Math.max(0, limit - this.dataBytes));
        this.dataBytes += allowed.length;
        if (allowed.length > 0) void this.send(channelFrame(channel, allowed));
        await this.cutConnection();
        return;
      }
      this.dataBytes += piece.length;
      const sent = this.send(channelFrame(channel, piece));
      if (this.ws.bufferedAmount > HIGH_WATER_BYTES) await sent;
    }
  }

  /** Waits until every frame sent so far has been handed to the socket. */
  flushed(): Promise<void> {
    return this.lastSend;
  }
}
