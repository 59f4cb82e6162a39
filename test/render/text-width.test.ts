import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/render/text-width.js';

describe('textWidth', () => {
  it('counts terminal columns as a terminal draws them', () => {
    expect(textWidth('nginx-7d9c')).toBe(10);
    expect(textWidth('日本語')).toBe(6); // East Asian wide: two columns each
    expect(textWidth('ｋｕｂｅ')).toBe(8); // fullwidth forms
    expect(textWidth('café')).toBe(4);
    expect(textWidth('cafe\u0301')).toBe(4); // combining acute accent takes no column
    expect(textWidth('👍')).toBe(2);
    expect(textWidth('\u001b[31mred\u001b[0m')).toBe(3); // colour codes take none
    expect(textWidth('')).toBe(0);
  });
});
