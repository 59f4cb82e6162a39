/** How many threads format a large listing's items: by where the keys come from, the cores, and the user's setting. */
import { describe, expect, it } from 'vitest';
import { itemThreadCount, THREADS_VARIABLE } from '../../src/render/list-items.js';

describe('itemThreadCount', () => {
  it('formats on the main thread on one or two cores, whether reading a file or a cluster', () => {
    for (const cores of [1, 2]) {
      expect(itemThreadCount('file', {}, cores)).toEqual({ count: 0, explicit: false });
      expect(itemThreadCount('cluster', {}, cores)).toEqual({ count: 0, explicit: false });
    }
  });

  it('takes one thread per core for a file from three cores up, one core fewer for a cluster, at most eight', () => {
    expect(itemThreadCount('file', {}, 3)).toEqual({ count: 3, explicit: false });
    expect(itemThreadCount('cluster', {}, 3)).toEqual({ count: 2, explicit: false });
    expect(itemThreadCount('file', {}, 16)).toEqual({ count: 8, explicit: false });
    expect(itemThreadCount('cluster', {}, 16)).toEqual({ count: 8, explicit: false });
  });

  it(`does what ${THREADS_VARIABLE} says, up to 64, and ignores a value that is not a number`, () => {
    expect(itemThreadCount('file', { [THREADS_VARIABLE]: '2' }, 2)).toEqual({ count: 2, explicit: true });
    expect(itemThreadCount('cluster', { [THREADS_VARIABLE]: ' 0 ' }, 16)).toEqual({ count: 0, explicit: true });
    expect(itemThreadCount('file', { [THREADS_VARIABLE]: '500' }, 2)).toEqual({ count: 64, explicit: true });
    expect(itemThreadCount('file', { [THREADS_VARIABLE]: 'many' }, 4)).toEqual({ count: 4, explicit: false });
  });
});
