/**
 * Live memory of this process: heap in use plus ArrayBuffers (where Buffers live), measured right after a full
 * garbage collection, so that what is counted is what is still referenced, not what awaits collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export function liveBytes(): number {
  // Twice: V8 frees dead ArrayBuffers' memory in a sweep that may still be running when one collection returns.
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Tracks the highest live memory above the level at creation; call sample() where the peak may be. */
export function peakTracker(): { sample(): void; readonly peak: number } {
  const baseline = liveBytes();
  let peak = 0;
  return {
    sample() {
      peak = Math.max(peak, liveBytes() - baseline);
    },
    get peak() {
      return peak;
    },
  };
}
