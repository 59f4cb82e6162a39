/** Parses the schema notation's field specs (`'3 *int32 omitempty'`) into structured form. */

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'float64' | 'float32' | 'bytes';

const scalarTypes: ReadonlySet<string> = new Set<ScalarType>([
  'string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'float64', 'float32', 'bytes',
]);

export type ElementType = { readonly scalar: ScalarType } | { readonly message: string };

/** How the field's Go type holds its value: that decides JSON presence (null, omitted, zero). */
export type Shape = 'value' | 'pointer' | 'slice' | 'map';

export interface ParsedField {
  readonly number: number;
  readonly shape: Shape;
  /** The element: the value itself, the pointee, the slice element or the map value. */
  readonly element: ElementType;
  readonly omitempty: boolean;
  readonly omitzero: boolean;
  readonly inline: boolean;
}

const flagNames = new Set(['omitempty', 'omitzero', 'inline']);

export function isScalarType(name: string): name is ScalarType {
  return scalarTypes.has(name);
}

function parseElement(text: string, spec: string): ElementType {
  if (isScalarType(text)) return { scalar: text };
  if (!/^([a-z][A-Za-z0-9]*\.)?[A-Z][A-Za-z0-9]*$/.test(text)) throw new Error(`bad type '${text}' in field spec '${spec}'`);
  return { message: text };
}

export function parseFieldSpec(spec: string): ParsedField {
  const [numberText, typeText, ...flags] = spec.trim().split(/\s+/);
  const number = Number(numberText);
  if (!Number.isInteger(number) || number < 1 || typeText === undefined) {
    throw new Error(`bad field spec '${spec}': expected '<number> <type> [flags]'`);
  }
  for (const flag of flags) if (!flagNames.has(flag)) throw new Error(`unknown flag '${flag}' in field spec '${spec}'`);
  let shape: Shape = 'value';
  let elementText = typeText;
  if (typeText.startsWith('*')) {
    shape = 'pointer';
    elementText = typeText.slice(1);
  } else if (typeText.startsWith('[]')) {
    shape = 'slice';
    elementText = typeText.slice(2);
  } else if (typeText.startsWith('map[string]')) {
    shape = 'map';
    elementText = typeText.slice('map[string]'.length);
  }
  return {
    number,
    shape,
    element: parseElement(elementText, spec),
    omitempty: flags.includes('omitempty'),
    omitzero: flags.includes('omitzero'),
    inline: flags.includes('inline'),
  };
}

/** A string message spec (`'[]string'`): a named Go slice wrapped by protobuf as `repeated items = 1`. */
export function parseWrappedSlice(spec: string): ElementType {
  if (!spec.startsWith('[]')) throw new Error(`bad wrapped slice '${spec}': expected '[]<type>'`);
  return parseElement(spec.slice(2), spec);
}
