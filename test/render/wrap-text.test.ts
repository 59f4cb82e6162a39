import { describe, expect, it } from 'vitest';
import wrapText from '../../src/render/wrap-text.js';

describe('wrapText', () => {
  it('wraps at word boundaries within the width', () => {
    expect(wrapText('decode stored etcd values into objects', 15)).toBe('decode stored\netcd values\ninto objects');
  });
  it('breaks a word longer than the width only when hard', () => {
    expect(wrapText('abcdefghij xy', 4, { hard: true })).toBe('abcd\nefgh\nij\nxy');
    expect(wrapText('abcdefghij xy', 4)).toBe('abcdefghij\nxy');
  });
  it('keeps existing line breaks and counts wide characters as two columns', () => {
    expect(wrapText('a b\nc d', 3)).toBe('a b\nc d');
    expect(wrapText('日本 語', 4)).toBe('日本\n語');
  });
});
