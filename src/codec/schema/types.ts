/**
 * The schema notation (see README.md beside this file). Field specs stay strings so the transcribed files read
 * like the Go structs they describe; `load.ts` parses them once per package, lazily.
 */

/** `'<number> <type> [omitempty] [omitzero] [inline]'`, keyed by JSON name (or protobuf name when inline). */
export type FieldSpec = string;

/** Message fields, plus `$codec` for types whose JSON form is not their message. */
export type FieldMap = Readonly<Record<string, FieldSpec>>;

/** A field map, or a Go slice type (`'[]string'`) that protobuf wraps as `message { repeated items = 1 }`. */
export type MessageSpec = FieldMap | string;

export interface PackageSchema {
  /** Protobuf package of the Go package, e.g. `k8s.io.api.apps.v1`. */
  readonly proto: string;
  /** The API group/version the package serves (`v1` for core), or null for packages of shared types only. */
  readonly groupVersion: string | null;
  /** Aliases used in type references (`meta.ObjectMeta`), mapped to protobuf packages. */
  readonly imports: Readonly<Record<string, string>>;
  readonly messages: Readonly<Record<string, MessageSpec>>;
}

/**
 * A message that is, field for field, another package's: older API versions repeat newer ones. Its type
 * references resolve in the package that uses it, so both must name the same packages by the same aliases.
 */
export function sameAs(pkg: PackageSchema, name: string): MessageSpec {
  const spec = pkg.messages[name];
  if (spec === undefined) throw new Error(`${pkg.proto} has no message ${name}`);
  return spec;
}
