/**
 * The schema in the form the codec walks: per message, fields indexed by number, each knowing its wire type,
 * JSON key and Go presence rules. Built from protobufjs reflection types (see registry.ts).
 */
import type { ScalarType, Shape } from './notation.js';

/** Types whose JSON form is not their message; implemented in src/codec/special.ts. */
export type CodecName =
  | 'time' | 'microtime' | 'duration' | 'rawjson' | 'intorstring' | 'quantity'
  | 'schemaorarray' | 'schemaorbool' | 'schemaorstringarray';

export const codecNames: ReadonlySet<string> = new Set<CodecName>([
  'time', 'microtime', 'duration', 'rawjson', 'intorstring', 'quantity',
  'schemaorarray', 'schemaorbool', 'schemaorstringarray',
]);

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export interface CompiledField {
  readonly number: number;
  /** Position in CompiledMessage.fields. */
  readonly index: number;
  /** JSON name; for inline fields the protobuf name (unused in JSON). */
  readonly key: string;
  readonly shape: Shape;
  readonly omitempty: boolean;
  readonly omitzero: boolean;
  readonly inline: boolean;
  /** Exactly one of scalar and message is set. */
  readonly scalar: ScalarType | null;
  readonly message: CompiledMessage | null;
  /** Wire type of one element (a map entry or message is `bytes`). */
  readonly wireType: number;
}

export interface CompiledMessage {
  /** Fully qualified protobuf name without the leading dot, e.g. `k8s.io.api.apps.v1.Deployment`. */
  readonly fullName: string;
  readonly codec: CodecName | null;
  /** A named Go slice: JSON is the bare array of field 1 (`items`). */
  readonly wrappedSlice: boolean;
  /** Ascending by number: the order Go's generated marshallers write them in. */
  readonly fields: readonly CompiledField[];
  /**
   * The fields that are JSON keys (not inline), in the order kubectl prints keys (byte order): objects are built
   * in it, so printers find their keys already sorted.
   */
  readonly jsonOrder: readonly CompiledField[];
  /** Some field is inline: its message's keys merge into this one's. */
  readonly hasInline: boolean;
  readonly byNumber: ReadonlyArray<CompiledField | undefined>;
  readonly byKey: ReadonlyMap<string, CompiledField>;
}

export function wireTypeOf(scalar: ScalarType | null): number {
  switch (scalar) {
    case 'bool': case 'int32': case 'int64': case 'uint32': case 'uint64': return WireType.varint;
    case 'float64': return WireType.fixed64;
    case 'float32': return WireType.fixed32;
    default: return WireType.bytes;
  }
}
