/**
 * How many terminal columns a string takes: East Asian wide and fullwidth characters and emoji take two, combining
 * marks and zero-width characters none, ANSI colour sequences none. Used to align tables, and (through the build's
 * alias for `string-width`) by yargs to lay out help, where a grapheme segmenter would cost more than a whole run.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const escape = String.fromCharCode(0x1b);
const bell = String.fromCharCode(0x07);
/** Colour (CSI) and hyperlink (OSC) sequences. */
const ansiSequence = new RegExp(`${escape}\\[[0-9;]*[A-Za-z]|${escape}\\][^${bell}]*${bell}`, 'g');
/** Combining marks, format characters (ZWJ, variation selectors are Mn/Cf) and controls take no column. */
const zeroWidth = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
const emoji = /\p{Extended_Pictographic}/u;

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

export function textWidth(text: string): number {
  if (isPlainAscii(text)) return text.length;
  const visible = text.includes(escape) ? text.replace(ansiSequence, '') : text;
  let width = 0;
  for (const character of visible) {
    if (zeroWidth.test(character)) continue;
    const codePoint = character.codePointAt(0) as number;
    width += emoji.test(character) && codePoint > 0xff ? 2 : eastAsianWidth(codePoint);
  }
  return width;
}

export default textWidth;
