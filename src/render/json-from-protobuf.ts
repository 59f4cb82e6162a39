/**
 * `kubectl get -o json` text printed straight from a stored protobuf value, without building the object first:
 * the fast path for long listings. It walks the compiled schema as decode-message.ts does and follows the same
 * rules (presence, key order, inline fields, last occurrence wins), copying plain ASCII strings byte for byte.
 *
 * It takes on only the common shape of a value: the envelope names the type, the schema knows every field, fields
 * arrive grouped and map keys sorted, as Go writes them. Anything else throws NotPrintedDirectly, and the caller
 * prints the value the usual way (decode, then toKubectlJson), so the output never depends on which path printed
 * it. Types whose JSON is not their message (Time, Quantity, RawExtension...) and absent fields' zero values are
 * decoded by decode-message.ts and printed by json.ts.
 */
import { boundedMemo } from '../codec/bounded-memo.js';
import { absentValue, decodeMessage, fits, isEmptyScalar, isLeftOutWhenAbsent, readScalar, zeroMessage, zeroScalar, type DecodeContext } from '../codec/decode-message.js';
import { envelopeSpans, hasProtobufMagic, readTypeMeta, type EnvelopeSpans } from '../codec/envelope.js';
import { compareKeys } from '../codec/key-order.js';
import type { CompiledField, CompiledMessage } from '../codec/schema/compiled.js';
import { schemaRegistry } from '../codec/schema/registry.js';
import { protobufDecodeContext } from '../codec/stored-value.js';
import type { JsonValue } from '../codec/value.js';
import { formatMicroTime, formatTime } from '../codec/go-time.js';
import { createReader, readInt64, type Reader } from '../codec/wire.js';
import { goJsonNumber } from './go-number.js';
import { goJsonString, kubectlJsonAt } from './json.js';
import type { Utf8Output } from './utf8-output.js';

/** The value is not of the shape this printer takes on: print it the usual way. */
class NotPrintedDirectly extends Error {}

const notDirect = new NotPrintedDirectly('printed the usual way');

const INDENT = '    ';
const maxDepth = 100;

/** Bytes a JSON string holds as they are in Go's output: printable ASCII apart from `"`, `\` and Go's HTML escapes. */
const plainByte = new Uint8Array(256);
for (let byte = 0x20; byte < 0x80; byte++) plainByte[byte] = 1;
for (const byte of [0x22, 0x5c, 0x3c, 0x3e, 0x26]) plainByte[byte] = 0;

/** What Go's encoding/json writes for the other ASCII bytes (goJsonString's escapes, as bytes). */
const asciiEscapes: Uint8Array[] = Array.from({ length: 0x80 }, (_, byte) => Buffer.from(goJsonString(String.fromCharCode(byte)).slice(1, -1)));

/** Constant text per depth, made once: what opens a line at that depth (first or next entry), what closes it. */
interface DepthText {
  readonly firstLine: Buffer;
  readonly nextLine: Buffer;
  readonly closeObject: Buffer;
  readonly closeList: Buffer;
}

const depthTexts: DepthText[] = [];

/** A line at `depth` starting with `text`: as an object's or list's first entry, and after another. */
function openingLines(depth: number, text: string): { readonly first: Buffer; readonly next: Buffer } {
  return { first: Buffer.from(`\n${INDENT.repeat(depth)}${text}`), next: Buffer.from(`,\n${INDENT.repeat(depth)}${text}`) };
}

function atDepth(depth: number): DepthText {
  if (depthTexts[depth] === undefined) {
    const { first, next } = openingLines(depth, '');
    depthTexts[depth] = {
      firstLine: first,
      nextLine: next,
      closeObject: Buffer.from(`\n${INDENT.repeat(depth - 1)}}`),
      closeList: Buffer.from(`\n${INDENT.repeat(depth - 1)}]`),
    };
  }
  return depthTexts[depth];
}

/**
 * A message's keys in print order: its own fields', and those of its inline messages, whose keys Go puts beside
 * its own. `sources[i]` is -1 for an own field, else the index in `inlined` of the inline field it comes from.
 * `lines[depth][i]` is the text that opens key i at that depth, when it is the first key and when it is not.
 */
interface KeyPlan {
  readonly fields: readonly CompiledField[];
  readonly sources: readonly number[];
  /** Whether key i prints nothing when its field is absent (most keys of most messages), so it is not even tried. */
  readonly silentWhenAbsent: readonly boolean[];
  readonly inlined: readonly CompiledField[];
  readonly lines: Array<{ readonly first: readonly Buffer[]; readonly next: readonly Buffer[] }>;
}

const keyPlans = new WeakMap<CompiledMessage, KeyPlan | null>();

function keyPlan(message: CompiledMessage): KeyPlan {
  let plan = keyPlans.get(message);
  if (plan === undefined) keyPlans.set(message, (plan = makeKeyPlan(message)));
  if (plan === null) throw notDirect;
  return plan;
}

/** Null for what this printer leaves to the usual path: inline in inline, special inline types, a key twice. */
function makeKeyPlan(message: CompiledMessage): KeyPlan | null {
  const inlined = message.fields.filter((field) => field.inline);
  const keys = message.jsonOrder.map((field) => ({ field, source: -1 }));
  for (const [source, field] of inlined.entries()) {
    const inner = field.message;
    if (inner === null || inner.hasInline || inner.codec !== null || inner.wrappedSlice || field.shape !== 'value') return null;
    for (const innerField of inner.jsonOrder) keys.push({ field: innerField, source });
  }
  if (inlined.length > 0) keys.sort((a, b) => compareKeys(a.field.key, b.field.key));
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]?.field.key === keys[i]?.field.key) return null;
  const fields = keys.map(({ field }) => field);
  return { fields, sources: keys.map(({ source }) => source), silentWhenAbsent: fields.map(isLeftOutWhenAbsent), inlined, lines: [] };
}

function keyLines(plan: KeyPlan, depth: number): { readonly first: readonly Buffer[]; readonly next: readonly Buffer[] } {
  if (plan.lines[depth] === undefined) {
    const lines = plan.fields.map((field) => openingLines(depth, `${goJsonString(field.key)}: `));
    plan.lines[depth] = { first: lines.map((line) => line.first), next: lines.map((line) => line.next) };
  }
  return plan.lines[depth];
}

/**
 * Where one message's field values lie: per field index, how many occurrences and where the first is in `spans`
 * (start, end, wire type; length-delimited values without their length). Reused from a stack, one per message
 * being printed: a generation number says which counts are current, so nothing is cleared between messages.
 */
class FieldSpans {
  private counts = new Int32Array(64);
  private firsts = new Int32Array(64);
  private generations = new Int32Array(64);
  private generation = 0;
  /** start, end, wire type per occurrence; only the first `length` numbers are this message's. */
  readonly spans: number[] = [];
  private length = 0;

  reset(fieldCount: number): void {
    if (fieldCount > this.counts.length) {
      this.counts = new Int32Array(fieldCount);
      this.firsts = new Int32Array(fieldCount);
      this.generations = new Int32Array(fieldCount);
    }
    this.generation++;
    this.length = 0;
  }

  count(index: number): number {
    return this.generations[index] === this.generation ? (this.counts[index] as number) : 0;
  }

  first(index: number): number {
    return this.firsts[index] as number;
  }

  /** Notes an occurrence; false when the field's occurrences would not be grouped. */
  add(index: number, start: number, end: number, wireType: number, previousIndex: number): boolean {
    if (this.generations[index] !== this.generation) {
      this.generations[index] = this.generation;
      this.counts[index] = 1;
      this.firsts[index] = this.length;
    } else if (previousIndex !== index) return false;
    else this.counts[index] = (this.counts[index] as number) + 1;
    const { spans } = this;
    spans[this.length++] = start;
    spans[this.length++] = end;
    spans[this.length++] = wireType;
    return true;
  }
}

const spanStack: FieldSpans[] = [];
let spanTop = 0;

function takeSpans(fieldCount: number): FieldSpans {
  const spans = (spanStack[spanTop++] ??= new FieldSpans());
  spans.reset(fieldCount);
  return spans;
}

const noInlined: readonly FieldSpans[] = [];

/** apiVersion and kind as lines to print among an object's keys: each name, and its line as first key and as not. */
type TypeMetaLines = ReadonlyArray<{ readonly name: string; readonly first: Buffer; readonly next: Buffer }>;

const noTypeMeta: TypeMetaLines = [];

/** By `[depth, apiVersion, kind]` as JSON. Few types in any listing; the bound only guards against many made-up ones. */
const typeMetaLinesByKey = boundedMemo((key: string): TypeMetaLines => {
  const [depth, apiVersion, kind] = JSON.parse(key) as [number, string, string];
  return [['apiVersion', apiVersion], ['kind', kind]].map(([name = '', value = '']) => ({ name, ...openingLines(depth, `${goJsonString(name)}: ${goJsonString(value)}`) }));
}, 1024);

function typeMetaLinesAt(apiVersion: string, kind: string, depth: number): TypeMetaLines {
  return typeMetaLinesByKey(JSON.stringify([depth, apiVersion, kind]));
}

class DirectPrinter {
  constructor(
    private readonly out: Utf8Output,
    private readonly reader: Reader,
    private readonly ctx: DecodeContext,
  ) {}

  /** The message's bytes from the reader's position to `end` as a JSON object at `depth`; `typeMeta` goes in too. */
  message(message: CompiledMessage, end: number, depth: number, typeMeta: TypeMetaLines = noTypeMeta): void {
    if (depth > maxDepth) throw notDirect;
    if (message.codec !== null) {
      if (this.instant(message, end, false)) return;
      return this.jsonValue(this.decoded(message, end, depth), depth);
    }
    const plan = keyPlan(message);
    const stackAt = spanTop;
    const found = this.scan(message, end);
    if (message.wrappedSlice) {
      // A named Go slice prints as its items, [] when there are none.
      const items = message.fields[0] as CompiledField;
      const count = found.count(items.index);
      if (count === 0) this.out.bytes(EMPTY_LIST);
      else this.slice(items, found, count, depth);
      spanTop = stackAt;
      return;
    }
    const inlined = plan.inlined.length === 0 ? noInlined : plan.inlined.map((field) => this.inlined(field, found));
    const { out } = this;
    const lines = keyLines(plan, depth + 1);
    out.byte(0x7b);
    const start = out.length;
    let typeMetaAt = 0;
    for (let i = 0; i < plan.fields.length; i++) {
      const field = plan.fields[i] as CompiledField;
      // apiVersion and kind from the envelope go where they sort.
      // Plain `<`: these names and the schema's keys are ASCII, where it is Go's byte order.
      for (; typeMetaAt < typeMeta.length && (typeMeta[typeMetaAt] as TypeMetaLines[number]).name < field.key; typeMetaAt++) {
        const entry = typeMeta[typeMetaAt] as TypeMetaLines[number];
        out.bytes(out.length === start ? entry.first : entry.next);
      }
      const source = plan.sources[i] as number;
      const spans = source < 0 ? found : (inlined[source] as FieldSpans);
      if (plan.silentWhenAbsent[i] === true && spans.count(field.index) === 0) continue;
      const keyAt = out.length;
      out.bytes((keyAt === start ? lines.first[i] : lines.next[i]) as Buffer);
      const valueAt = out.length;
      this.field(field, spans, depth + 1);
      if (out.length === valueAt) out.truncate(keyAt);
    }
    for (; typeMetaAt < typeMeta.length; typeMetaAt++) {
      const entry = typeMeta[typeMetaAt] as TypeMetaLines[number];
      out.bytes(out.length === start ? entry.first : entry.next);
    }
    if (out.length === start) out.byte(0x7d);
    else out.bytes(atDepth(depth + 1).closeObject);
    spanTop = stackAt;
  }

  /** Where each field's values lie; fields must arrive grouped (Go writes them in number order). */
  private scan(message: CompiledMessage, end: number): FieldSpans {
    const { reader } = this;
    const found = takeSpans(message.fields.length);
    let previous = -1;
    while (reader.pos < end) {
      const tag = reader.uint32();
      const wireType = tag & 7;
      const field = message.byNumber[tag >>> 3];
      if (field === undefined || !fits(field, wireType)) throw notDirect;
      let start = reader.pos;
      if (wireType === 2) {
        const length = reader.uint32();
        start = reader.pos;
        if (start + length > end) throw notDirect;
        reader.pos = start + length;
      } else reader.skipType(wireType);
      if (!found.add(field.index, start, reader.pos, wireType, previous)) throw notDirect;
      previous = field.index;
    }
    if (reader.pos !== end) throw notDirect;
    return found;
  }

  /** Where the fields of an inline message lie: in its last occurrence, or nowhere (its zero value) when absent. */
  private inlined(field: CompiledField, found: FieldSpans): FieldSpans {
    const message = field.message as CompiledMessage;
    const count = found.count(field.index);
    if (count === 0) return takeSpans(message.fields.length);
    const at = found.first(field.index) + 3 * (count - 1);
    this.reader.pos = found.spans[at] as number;
    return this.scan(message, found.spans[at + 1] as number);
  }

  /** One field's JSON value; prints nothing when the field is left out. */
  private field(field: CompiledField, found: FieldSpans, depth: number): void {
    const count = found.count(field.index);
    if (count === 0) {
      const absent = absentValue(field, this.ctx);
      if (absent !== undefined) this.jsonValue(absent, depth);
      return;
    }
    if (field.shape === 'map') return this.map(field, found, count, depth);
    if (field.shape === 'slice') return this.slice(field, found, count, depth);
    const at = found.first(field.index) + 3 * (count - 1);
    const { spans } = found;
    this.element(field, spans[at] as number, spans[at + 1] as number, depth, field.shape === 'value' && (field.omitempty || field.omitzero));
  }

  private slice(field: CompiledField, found: FieldSpans, count: number, depth: number): void {
    const { out, reader } = this;
    const { spans } = found;
    const { firstLine, nextLine, closeList } = atDepth(depth + 1);
    const first = found.first(field.index);
    out.byte(0x5b);
    const start = out.length;
    for (let at = first; at < first + 3 * count; at += 3) {
      const begin = spans[at] as number;
      const end = spans[at + 1] as number;
      if (spans[at + 2] === 2 && field.wireType !== 2) {
        // Packed numbers: one run of them.
        reader.pos = begin;
        while (reader.pos < end) {
          out.bytes(out.length === start ? firstLine : nextLine);
          this.jsonValue(readScalar(field, reader, false) as JsonValue, depth + 1);
        }
        if (reader.pos !== end) throw notDirect;
        continue;
      }
      out.bytes(out.length === start ? firstLine : nextLine);
      this.element(field, begin, end, depth + 1, false);
    }
    if (out.length === start) out.byte(0x5d);
    else out.bytes(closeList);
  }

  /** A map field's entries; they must come sorted by plain ASCII key (Go sorts them), else the usual path prints them. */
  private map(field: CompiledField, found: FieldSpans, count: number, depth: number): void {
    const { reader, out } = this;
    const { buf } = reader;
    const { spans } = found;
    const { firstLine, nextLine, closeObject } = atDepth(depth + 1);
    const first = found.first(field.index);
    let previousStart = -1;
    let previousEnd = -1;
    out.byte(0x7b);
    for (let at = first; at < first + 3 * count; at += 3) {
      reader.pos = spans[at] as number;
      const end = spans[at + 1] as number;
      let keyStart = -1;
      let keyEnd = -1;
      let start = -1;
      let valueEnd = -1;
      while (reader.pos < end) {
        const tag = reader.uint32();
        const wireType = tag & 7;
        if (tag === 0x0a || (tag >>> 3 === 2 && wireType === field.wireType)) {
          let from = reader.pos;
          if (wireType === 2) {
            const length = reader.uint32();
            from = reader.pos;
            reader.pos += length;
          } else reader.skipType(wireType);
          if (tag === 0x0a) [keyStart, keyEnd] = [from, reader.pos];
          else [start, valueEnd] = [from, reader.pos];
        } else reader.skipType(wireType);
      }
      if (reader.pos !== end || keyStart < 0 || !asciiAfter(buf, previousStart, previousEnd, keyStart, keyEnd)) throw notDirect;
      out.bytes(previousStart < 0 ? firstLine : nextLine);
      [previousStart, previousEnd] = [keyStart, keyEnd];
      this.stringBytes(keyStart, keyEnd);
      out.bytes(COLON);
      if (start < 0) this.jsonValue(field.message !== null ? zeroMessage(field.message, this.ctx) : zeroScalar(field), depth + 1);
      else this.element(field, start, valueEnd, depth + 1, false);
    }
    out.bytes(closeObject);
  }

  /** One value of the field at [start, end); with `omitEmpty`, an empty scalar (or null special) prints nothing. */
  private element(field: CompiledField, start: number, end: number, depth: number, omitEmpty: boolean): void {
    const { reader } = this;
    reader.pos = start;
    if (field.message !== null) {
      if (field.message.codec === null) return this.message(field.message, end, depth);
      if (this.instant(field.message, end, omitEmpty && field.omitzero)) return;
      const value = this.decoded(field.message, end, depth);
      if (omitEmpty && field.omitzero && value === null) return;
      return this.jsonValue(value, depth);
    }
    if (field.scalar === 'string') {
      if (omitEmpty && start === end) return;
      return this.stringBytes(start, end);
    }
    // Bytes print as base64; the span holds them without their length.
    const value = field.scalar === 'bytes' ? base64(reader.buf, start, end) : (readScalar(field, reader, false) as JsonValue);
    if (omitEmpty && isEmptyScalar(value)) return;
    this.jsonValue(value, depth);
  }

  /**
   * A Time or MicroTime (the special values a listing has most of: a few in every object) printed from its seconds
   * and nanos, with no value made on the way. False, having read nothing, for any other message, or one holding
   * anything but plain seconds and nanos: the decoder has those. An absent time is null, or nothing with `omitZero`.
   */
  private instant(message: CompiledMessage, end: number, omitZero: boolean): boolean {
    const { codec } = message;
    if (codec !== 'time' && codec !== 'microtime') return false;
    const { reader } = this;
    const start = reader.pos;
    let seconds: number | bigint = 0;
    let nanos = 0;
    let plain = true;
    while (plain && reader.pos < end) {
      const tag = reader.uint32();
      if (tag === 0x08) seconds = readInt64(reader);
      else if (tag === 0x10) nanos = reader.int32();
      else plain = false;
    }
    const text = plain && reader.pos === end && typeof seconds === 'number' ? instantText(codec, seconds, nanos, start === end) : undefined;
    if (text === undefined) {
      reader.pos = start;
      return false;
    }
    if (text !== null) this.out.bytes(text);
    else if (!omitZero) this.out.bytes(NULL);
    return true;
  }

  /** A special type's JSON value, from decode-message.ts. */
  private decoded(message: CompiledMessage, end: number, depth: number): JsonValue {
    const value = decodeMessage(message, this.reader, end, this.ctx, depth);
    if (this.ctx.unknownFields.length > 0) throw notDirect;
    return value;
  }

  /** Any JSON value decode-message.ts made: scalars written here, objects and lists by json.ts. */
  private jsonValue(value: JsonValue, depth: number): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'number') this.out.ascii(goJsonNumber(value));
    else if (value === null || typeof value === 'boolean' || typeof value === 'bigint') this.out.ascii(String(value));
    else this.out.text(kubectlJsonAt(value, INDENT.repeat(depth)));
  }


  private string(value: string): void {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code > 0x7f || plainByte[code] === 0) return this.out.text(goJsonString(value));
    }
    this.out.byte(0x22);
    this.out.ascii(value);
    this.out.byte(0x22);
  }

  /**
   * A string field's UTF-8 bytes: copied as they are when every byte is plain, escaped here when all are ASCII (a JSON
   * annotation, a shell command with `&&`), else (past ASCII: validity, U+2028) through goJsonString.
   */
  private stringBytes(start: number, end: number): void {
    const { out } = this;
    const { buf } = this.reader;
    const from = out.length;
    let target = out.reserve(end - start + 2);
    let at = from;
    target[at++] = 0x22;
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      if (plainByte[byte] === 1) {
        target[at++] = byte;
        continue;
      }
      if (byte >= 0x80) {
        out.length = from;
        return this.string(Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8'));
      }
      if (at + 6 * (end - i) + 1 > target.length) {
        // Room for the rest at worst (every byte a six-byte escape), keeping what is written so far.
        out.length = at;
        target = out.reserve(6 * (end - i) + 1);
      }
      const escape = asciiEscapes[byte] as Uint8Array;
      for (let j = 0; j < escape.length; j++) target[at++] = escape[j] as number;
    }
    target[at++] = 0x22;
    out.length = at;
  }
}

const COLON = Buffer.from(': ');
const NULL = Buffer.from('null');
const EMPTY_LIST = Buffer.from('[]');

/** Quoted JSON text of the instants met lately, by second (Time) or by microsecond (MicroTime). */
const timeText = boundedMemo((seconds: number) => Buffer.from(`"${formatTime({ seconds, nanos: 0 })}"`));
const microTimeText = boundedMemo((micros: number) => {
  // Integer steps only: a quotient of numbers this large can round up to the next second.
  const micro = ((micros % 1e6) + 1e6) % 1e6;
  return Buffer.from(`"${formatMicroTime({ seconds: (micros - micro) / 1e6, nanos: micro * 1000 })}"`);
});

/**
 * A Time's or MicroTime's JSON text as decoding prints it (see codecToJson): null when the message is empty;
 * undefined when the instant is outside what the cache keys exactly, or out of range (the decoder has those).
 */
function instantText(codec: 'time' | 'microtime', seconds: number, nanos: number, empty: boolean): Buffer | null | undefined {
  if (empty) return null;
  if (!Number.isSafeInteger(seconds) || Math.abs(seconds) > 9e9 || nanos < 0 || nanos >= 1e9) return undefined;
  try {
    return codec === 'time' ? timeText(seconds) : microTimeText(seconds * 1e6 + Math.floor(nanos / 1000));
  } catch {
    return undefined;
  }
}

/** Whether the key at [start, end) is ASCII and sorts after the one at [previousStart, previousEnd) (none when -1). */
function asciiAfter(buf: Uint8Array, previousStart: number, previousEnd: number, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((buf[i] as number) >= 0x80) return false;
  if (previousStart < 0) return true;
  for (let i = previousStart, j = start; ; i++, j++) {
    if (j === end) return false;
    if (i === previousEnd) return true;
    if (buf[i] !== buf[j]) return (buf[i] as number) < (buf[j] as number);
  }
}

function base64(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('base64');
}

/** A type values of a listing are printed as: listings come in runs of one type, so the last one is kept. */
interface StoredType {
  /** The envelope's TypeMeta message, as bytes (a copy). */
  readonly typeMeta: Buffer;
  readonly depth: number;
  readonly message: CompiledMessage;
  readonly lines: TypeMetaLines;
}

let lastType: StoredType | undefined;

function sameBytes(known: Buffer, bytes: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}

/**
 * The type the envelope names, when this printer takes it on: not a value whose envelope names none (its key names
 * it), nor a type with apiVersion or kind fields of its own (decodeStoredValue keeps those); both print the usual way.
 */
function storedType(value: Uint8Array, spans: EnvelopeSpans, depth: number): StoredType | undefined {
  const { typeMetaStart, typeMetaEnd } = spans;
  if (lastType !== undefined && lastType.depth === depth && sameBytes(lastType.typeMeta, value, typeMetaStart, typeMetaEnd)) return lastType;
  const { apiVersion, kind } = readTypeMeta(value.subarray(typeMetaStart, typeMetaEnd));
  if (kind === '') return undefined;
  const message = schemaRegistry().messageForKind(apiVersion, kind);
  if (message === undefined || message.byKey.has('apiVersion') || message.byKey.has('kind')) return undefined;
  lastType = { typeMeta: Buffer.from(value.subarray(typeMetaStart, typeMetaEnd)), depth, message, lines: typeMetaLinesAt(apiVersion, kind, depth + 1) };
  return lastType;
}

/** One for every value: printing is not reentrant, and the unknown fields it gathers are cleared for each. */
const sharedContext = protobufDecodeContext({});

/**
 * Prints a stored value as kubectl's JSON at `depth` (4 spaces a level; the first line unindented) and returns
 * true, or prints nothing and returns false when it must be printed the usual way: not plain protobuf with its
 * type in the envelope, fields the schema does not know, anything malformed.
 */
export function printStoredValueAsJson(value: Uint8Array, out: Utf8Output, depth: number): boolean {
  if (!hasProtobufMagic(value)) return false;
  const mark = out.length;
  spanTop = 0;
  try {
    const spans = envelopeSpans(value);
    const type = spans === undefined ? undefined : storedType(value, spans, depth);
    if (spans === undefined || type === undefined) return false;
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.length);
    const reader = createReader(bytes.subarray(spans.rawStart, spans.rawEnd));
    sharedContext.unknownFields.length = 0;
    new DirectPrinter(out, reader, sharedContext).message(type.message, reader.len, depth, type.lines);
    return true;
  } catch {
    out.truncate(mark);
    return false;
  }
}
