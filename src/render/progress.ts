/**
 * A transfer's progress on a terminal: one line redrawn in place with a bar, the bytes so far, the rate and the time
 * left. Off a terminal nothing is drawn, so logs and pipes stay clean.
 */
import { humanBytes } from './tree.js';

export interface ProgressState {
  readonly done: number;
  /** Expected bytes; undefined when unknown (then no bar and no time left). */
  readonly total: number | undefined;
  readonly elapsedMs: number;
}

/** `1m05s`, `42s`. */
export function humanDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** The line for one moment of a transfer, at most `width` columns wide. */
export function progressLine(label: string, state: ProgressState, width: number): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.done / seconds : 0;
  const total = state.total !== undefined && state.total >= state.done ? state.total : undefined;
  const amount = total === undefined ? humanBytes(state.done) : `${humanBytes(state.done)} / ${humanBytes(total)}`;
  const eta = total === undefined ? '' : rate > 0 ? `  ETA ${humanDuration((total - state.done) / rate)}` : '  ETA --';
  const figures = `  ${amount}  ${humanBytes(Math.round(rate))}/s${eta}`;
  const barWidth = Math.min(30, width - label.length - figures.length - 3);
  if (total === undefined || barWidth < 5) {
    // Too narrow for a bar: the time left goes first, then the rate, then the total.
    const fitting = [figures, `  ${amount}  ${humanBytes(Math.round(rate))}/s`, `  ${amount}`].find((f) => label.length + f.length <= width) ?? `  ${humanBytes(state.done)}`;
    return `${label}${fitting}`.slice(0, width);
  }
  const filled = total === 0 ? barWidth : Math.floor((state.done / total) * barWidth);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${figures}`;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;

export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly label: string,
    private total: number | undefined,
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Draws the final state and ends the line; the total becomes what was actually transferred. */
  finish(): void {
    this.total = this.done;
    if (this.out.isTTY === true) {
      this.draw(Date.now());
      this.out.write('\n');
    }
  }

  /** Takes the line away (an error message follows). */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(now: number): void {
    if (this.out.isTTY !== true) return;
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    this.out.write(`\r\x1b[K${progressLine(this.label, { done: this.done, total: this.total, elapsedMs: now - this.started }, width)}`);
    this.drawn = true;
  }
}
