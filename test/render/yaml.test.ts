/**
 * The YAML printer's rules, each expectation taken from real go-yaml v2 behaviour:
 * - [go-yaml] sigs.k8s.io/yaml goyaml.v2/encode_test.go (marshalTests, TestLineWrapping, TestSortedOutput,
 *   TestQuotingMaintained), the go-yaml v2 fork behind kubectl's JSONToYAML;
 * - [kubectl] output of kubectl v1.32.4 (`kubectl annotate --local -f - -o yaml`, the printer behind
 *   `kubectl get -o yaml`) for the same values, recorded here. test/render/kubectl.test.ts re-checks them against
 *   whatever kubectl is installed.
 */
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/codec/value.js';
import { toKubectlYaml } from '../../src/render/yaml.js';

/** A value printed under the key `v`, as kubectl prints a field of an object. */
function field(value: JsonValue): string {
  return toKubectlYaml({ v: value });
}

describe('layout', () => {
  it.each<[string, JsonValue, string]>([
    ['sequence under a key is not indented [go-yaml]', { v: ['A', 'B'] }, 'v:\n- A\n- B\n'],
    ['multi-line item [go-yaml]', { v: ['A', 'B\nC'] }, 'v:\n- A\n- |-\n  B\n  C\n'],
    ['mapping in a sequence [go-yaml]', { v: ['A', 1, { B: [2, 3] }] }, 'v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n'],
    ['nested mapping [go-yaml]', { a: { b: 'c' } }, 'a:\n  b: c\n'],
    ['null document [go-yaml]', null, 'null\n'],
    ['empty document [go-yaml]', {}, '{}\n'],
    [
      'empty collections, nested sequences [kubectl]',
      { spec: { m: {}, nested: [[1, 2], [], { a: [{ b: 1 }] }], s: [], z: null } },
      'spec:\n  m: {}\n  nested:\n  - - 1\n    - 2\n  - []\n  - a:\n    - b: 1\n  s: []\n  z: null\n',
    ],
  ])('%s', (_name, value, expected) => {
    expect(toKubectlYaml(value)).toBe(expected);
  });
});

describe('scalar styles', () => {
  it.each<[string, string]>([
    ['hi', 'v: hi\n'],
    ['true', 'v: "true"\n'],
    ['false', 'v: "false"\n'],
    ['10', 'v: "10"\n'],
    ['', 'v: ""\n'],
    ['-', "v: '-'\n"],
    ['1:1', 'v: "1:1"\n'],
    ['\u0000', 'v: "\\0"\n'],
    ['<foo>', 'v: <foo>\n'],
    ['你好', 'v: 你好\n'],
    ['2015-02-24T18:19:39Z', 'v: "2015-02-24T18:19:39Z"\n'],
    ['b: c', "v: 'b: c'\n"],
    ['Hello #comment', "v: 'Hello #comment'\n"],
    ['你好 #comment', "v: '你好 #comment'\n"],
  ])('%j [go-yaml]', (value, expected) => {
    expect(field(value)).toBe(expected);
  });

  it.each<[string, string]>([
    // YAML 1.1 words, numbers and timestamps are quoted; what does not parse as one stays plain.
    ['y', 'v: "y"\n'],
    ['0755', 'v: "0755"\n'],
    ['+1', 'v: "+1"\n'],
    ['0x1F', 'v: "0x1F"\n'],
    ['0b101', 'v: "0b101"\n'],
    ['0o17', 'v: "0o17"\n'],
    ['.5', 'v: ".5"\n'],
    ['.NaN', 'v: ".NaN"\n'],
    ['1:30', 'v: "1:30"\n'],
    ['2001-1-1', 'v: "2001-1-1"\n'],
    ['2001-02-30', 'v: 2001-02-30\n'],
    ['2001-01-01T1:2:3', 'v: 2001-01-01T1:2:3\n'],
    ['1e400', 'v: 1e400\n'],
    ['<<', 'v: <<\n'],
    // Past 64 bits a hex number is no number to go-yaml v2 (sigs.k8s.io/yaml PR 115 would quote it).
    ['0x0000000000000000000000010000000000000000', 'v: 0x0000000000000000000000010000000000000000\n'],
    // Indicators.
    [':a', 'v: :a\n'],
    ['x: y', "v: 'x: y'\n"],
    ['---', "v: '---'\n"],
    ['...x', "v: '...x'\n"],
    [' lead', "v: ' lead'\n"],
    ["'q'", "v: '''q'''\n"],
    ["it's", "v: it's\n"],
    // Characters go-yaml does not print raw: escaped in double quotes.
    ['tab\there', 'v: "tab\\there"\n'],
    ['😀', 'v: "\\U0001F600"\n'],
    ['\u0007', 'v: "\\a"\n'],
    ['\u001b', 'v: "\\e"\n'],
    ['a\u00a0b', 'v: a\u00a0b\n'],
    ['x\r\ny', 'v: "x\\r\\ny"\n'],
  ])('%j [kubectl]', (value, expected) => {
    expect(field(value)).toBe(expected);
  });

  it('escapes every character of a value that starts with a BOM (go-yaml tests the BOM at offset 0) [kubectl]', () => {
    expect(toKubectlYaml({ '\uFEFFbom a': 1 })).toBe('"\\uFEFF\\x62\\x6F\\x6D\\x20\\x61": 1\n');
  });

  it('folds U+0085 (NEL) the way go-yaml reads it back from the JSON kubectl converts [kubectl]', () => {
    expect(field('a \u0085  b')).toBe('v: a b\n');
    expect(field('a\u0085\u0085b')).toBe('v: |-\n  a\n  b\n');
  });

  it('copies U+2028 raw and indents the line after it [kubectl]', () => {
    expect(field('ls\u2028x')).toBe("v: 'ls\u2028  x'\n");
    expect(field('a\u2028b\nc')).toBe('v: |-\n  a\u2028  b\n  c\n');
  });
});

describe('literal blocks', () => {
  it.each<[string, string]>([
    ['line1\nline2\n', 'v: |\n  line1\n  line2\n'],
    ['a\n b\n', 'v: |\n  a\n   b\n'],
    [' x\ny', 'v: |2-\n   x\n  y\n'],
    ['\nx', 'v: |2-\n\n  x\n'],
    ['a\n\n', 'v: |+\n  a\n\n'],
    ['a\n b', 'v: |-\n  a\n   b\n'],
    // A space before a line break or a tab rules the block out.
    ['a\nb  \nc', 'v: "a\\nb  \\nc"\n'],
    ['a \n', 'v: "a \\n"\n'],
    ['a\tb\nc', 'v: "a\\tb\\nc"\n'],
  ])('%j [kubectl]', (value, expected) => {
    expect(field(value)).toBe(expected);
  });

  it('keeps a kept-newline block from swallowing the next key [kubectl]', () => {
    expect(toKubectlYaml({ a: 'x\n\n', b: 1 })).toBe('a: |+\n  x\n\nb: 1\n');
  });
});

describe('folding at 80 columns', () => {
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

  it('folds a single-quoted value, never at its last space [go-yaml TestLineWrapping]', () => {
    const line = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ';
    expect(toKubectlYaml({ a: line + line })).toBe(
      "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n" +
        "  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n",
    );
  });

  it('folds plain values at the value indentation, in mappings and sequences [kubectl]', () => {
    expect(toKubectlYaml({ spec: { long: words, seq: [words, [words]] } })).toBe(
      'spec:\n' +
        '  long: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n' +
        '    word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23\n' +
        '    word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35\n' +
        '    word36 word37 word38 word39\n' +
        '  seq:\n' +
        '  - word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
        '    word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n' +
        '    word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36\n' +
        '    word37 word38 word39\n' +
        '  - - word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
        '      word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23\n' +
        '      word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34\n' +
        '      word35 word36 word37 word38 word39\n',
    );
  });

  it('folds double-quoted values and escapes a space that would start a line [kubectl]', () => {
    expect(field(`\t${'wordy  word '.repeat(12)}end`)).toBe(
      'v: "\\twordy  word wordy  word wordy  word wordy  word wordy  word wordy  word wordy\n' +
        '  \\ word wordy  word wordy  word wordy  word wordy  word wordy  word end"\n',
    );
    expect(field(`'${'x '.repeat(50)}\u2028y`)).toBe(
      `v: "'${'x '.repeat(38)}x\n  ${'x '.repeat(11)}\\Ly"\n`,
    );
  });

  it('breaks only at spaces, so a word longer than the line stays whole [kubectl]', () => {
    expect(field(`${'x'.repeat(120)} ${'y'.repeat(10)}`)).toBe(`v: ${'x'.repeat(120)}\n  ${'y'.repeat(10)}\n`);
  });
});

describe('keys', () => {
  it('sorts as go-yaml does: numbers inside keys by value, non-letters first [go-yaml TestSortedOutput]', () => {
    const order = ['', '.1', '.2', '.a', '1', '2', 'a!10', 'a/0001', 'a/002', 'a/3', 'a/10', 'a/11', 'a/0012',
      'a/100', 'a~10', 'ab/1', 'b/1', 'b/01', 'b/2', 'b/02', 'b/3', 'b/03', 'b1', 'b01', 'b3', 'c2.10', 'c10.2',
      'd1', 'd7', 'd7abc', 'd12', 'd12a'];
    const quoted = new Set(['', '.1', '.2', '1', '2']);
    const shuffled = [...order].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
    const object = Object.fromEntries(shuffled.map((key) => [key, 1]));
    const expected = order.map((key) => `${quoted.has(key) ? `"${key}"` : key}: 1\n`).join('');
    expect(toKubectlYaml(object)).toBe(expected);
  });

  it('quotes keys like values [kubectl]', () => {
    expect(toKubectlYaml({ n: 1, on: 2, '': 3, 'a b': 4, 'x: y': 5 })).toBe(
      '"": 3\na b: 4\n"n": 1\n"on": 2\n\'x: y\': 5\n',
    );
  });

  it('writes keys over 128 bytes and multi-line keys in ? form [kubectl]', () => {
    expect(toKubectlYaml({ spec: { ['k'.repeat(130)]: 1, 'multi\nkey': 2 } })).toBe(
      `spec:\n  ? ${'k'.repeat(130)}\n  : 1\n  ? |-\n    multi\n    key\n  : 2\n`,
    );
  });

  it('starts a collection under a ? key on the : line [kubectl]', () => {
    expect(toKubectlYaml({ a: { ['k'.repeat(130)]: { x: 1, y: [1, 2] }, 'm\nk': [1, [2, 3]] } })).toBe(
      `a:\n  ? ${'k'.repeat(130)}\n  : x: 1\n    "y":\n    - 1\n    - 2\n` +
        '  ? |-\n    m\n    k\n  : - 1\n    - - 2\n      - 3\n',
    );
  });
});

describe('numbers', () => {
  it.each<[JsonValue, string]>([
    [1, '1'],
    [1.5, '1.5'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e-7, '1e-07'],
    [1e21, '1e+21'],
    [1e20, '1e+20'],
    [-0, '0'],
    [2 ** 63, '9223372036854776000'],
    [-(2 ** 63), '-9.223372036854776e+18'],
    [2 ** 64, '1.8446744073709552e+19'],
    [9223372036854775807n, '9223372036854775807'],
    [18446744073709551616n, '1.8446744073709552e+19'],
  ])('%s [kubectl]', (value, expected) => {
    expect(field(value)).toBe(`v: ${expected}\n`);
  });

  it.each<[JsonValue, string]>([
    [-10, '-10'],
    [0.1, '0.1'],
    [18446744073709551615n, '18446744073709551615'],
    [Number.NaN, '.nan'],
    [Number.POSITIVE_INFINITY, '.inf'],
    [Number.NEGATIVE_INFINITY, '-.inf'],
  ])('%s [go-yaml]', (value, expected) => {
    expect(field(value)).toBe(`v: ${expected}\n`);
  });
});

describe('characters kubectl refuses', () => {
  // kubectl fails with "yaml: control characters are not allowed" on raw U+007F-U+009F (but U+0085) and
  // U+FFFE/U+FFFF: go-yaml's reader rejects them in the JSON it converts. Printing them escaped, as go-yaml's
  // emitter would, keeps the object readable.
  it.each<[string, string]>([
    ['a\u007fb', 'v: "a\\x7Fb"\n'],
    ['a\u0090b', 'v: "a\\x90b"\n'],
    ['a\ufffeb', 'v: "a\\uFFFEb"\n'],
  ])('%j prints escaped', (value, expected) => {
    expect(field(value)).toBe(expected);
  });

  it('reads a lone UTF-16 surrogate as U+FFFD, as Go does', () => {
    expect(field('a\ud800b')).toBe('v: a\ufffdb\n');
  });
});
