/**
 * Loads the schema packages into one protobufjs Root (from JSON descriptors, never .proto text) on first use, and
 * compiles the reflected types into the tables the codec walks. Only the packages an object needs are loaded.
 */
import protobuf from 'protobufjs/light.js';
import { allPackages } from './index.js';
import { codecNames, wireTypeOf, type CodecName, type CompiledField, type CompiledMessage } from './compiled.js';
import { isScalarType, parseFieldSpec, parseWrappedSlice, type ElementType, type ScalarType, type Shape } from './notation.js';
import type { FieldMap, PackageSchema } from './types.js';

const protobufScalar: Record<ScalarType, string> = {
  string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', uint32: 'uint32', uint64: 'uint64',
  float64: 'double', float32: 'float', bytes: 'bytes',
};

/** Options we attach to protobufjs fields and types to carry the Go/JSON facts protobuf has no words for. */
interface FieldOptions {
  key: string;
  shape: Shape;
  omitempty: boolean;
  omitzero: boolean;
  inline: boolean;
}
interface TypeOptions {
  codec?: CodecName;
  wrappedSlice?: boolean;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

function qualify(pkg: PackageSchema, element: ElementType): string {
  if ('scalar' in element) return protobufScalar[element.scalar];
  const dot = element.message.indexOf('.');
  if (dot < 0) return `.${pkg.proto}.${element.message}`;
  const alias = element.message.slice(0, dot);
  const target = pkg.imports[alias];
  if (target === undefined) throw new Error(`${pkg.proto}: unknown import alias '${alias}' in '${element.message}'`);
  return `.${target}.${element.message.slice(dot + 1)}`;
}

function fieldDescriptor(pkg: PackageSchema, key: string, spec: string): [string, protobuf.IField & { keyType?: string }] {
  const parsed = parseFieldSpec(spec);
  const options: FieldOptions = {
    key, shape: parsed.shape, omitempty: parsed.omitempty, omitzero: parsed.omitzero, inline: parsed.inline,
  };
  // protobufjs reserves some names ($ref...); the JSON key travels in the options anyway.
  const name = identifier.test(key) ? key : `field_${parsed.number}`;
  const descriptor: protobuf.IField & { keyType?: string } = {
    id: parsed.number,
    type: qualify(pkg, parsed.element),
    options: options as unknown as Record<string, unknown>,
  };
  if (parsed.shape === 'slice') descriptor.rule = 'repeated';
  if (parsed.shape === 'map') descriptor.keyType = 'string';
  return [name, descriptor];
}

function messageDescriptor(pkg: PackageSchema, name: string, spec: FieldMap | string): protobuf.IType {
  if (typeof spec === 'string') {
    const element = parseWrappedSlice(spec);
    const options: TypeOptions = { wrappedSlice: true };
    return {
      fields: { items: { id: 1, rule: 'repeated', type: qualify(pkg, element) } },
      options: options as unknown as Record<string, unknown>,
    };
  }
  const fields: Record<string, protobuf.IField> = {};
  const options: TypeOptions = {};
  for (const [key, fieldSpec] of Object.entries(spec)) {
    if (key === '$codec') {
      if (!codecNames.has(fieldSpec)) throw new Error(`${pkg.proto}.${name}: unknown codec '${fieldSpec}'`);
      options.codec = fieldSpec as CodecName;
      continue;
    }
    const [fieldName, descriptor] = fieldDescriptor(pkg, key, fieldSpec);
    fields[fieldName] = descriptor;
  }
  return { fields, options: options as unknown as Record<string, unknown> };
}

export class SchemaRegistry {
  private readonly root = new protobuf.Root();
  private readonly packagesByProto = new Map<string, PackageSchema>();
  private readonly packagesByGroupVersion = new Map<string, PackageSchema>();
  private readonly compiled = new Map<protobuf.Type, CompiledMessage>();

  constructor(packages: readonly PackageSchema[] = allPackages) {
    for (const pkg of packages) {
      this.packagesByProto.set(pkg.proto, pkg);
      if (pkg.groupVersion !== null) this.packagesByGroupVersion.set(pkg.groupVersion, pkg);
    }
  }

  private readonly byKind = new Map<string, CompiledMessage | undefined>();

  /** The message stored for an apiVersion/kind: the group version's own type, else the meta/v1 type of that name. */
  messageForKind(apiVersion: string, kind: string): CompiledMessage | undefined {
    const cacheKey = `${apiVersion}/${kind}`;
    if (this.byKind.has(cacheKey)) return this.byKind.get(cacheKey);
    const message = this.findMessageForKind(apiVersion, kind);
    this.byKind.set(cacheKey, message);
    return message;
  }

  private findMessageForKind(apiVersion: string, kind: string): CompiledMessage | undefined {
    const own = this.packagesByGroupVersion.get(apiVersion);
    if (own !== undefined && kind in own.messages) return this.message(own.proto, kind);
    const meta = this.packagesByGroupVersion.get('meta.k8s.io/v1');
    if (meta !== undefined && kind in meta.messages) return this.message(meta.proto, kind);
    return undefined;
  }

  /** Whether apiVersion names a group version the schema knows. */
  knowsGroupVersion(apiVersion: string): boolean {
    return this.packagesByGroupVersion.has(apiVersion);
  }

  message(protoPackage: string, name: string): CompiledMessage {
    return this.compile(this.define(`${protoPackage}.${name}`));
  }

  /** The protobufjs Root holding every type defined so far (for reflection and cross-checks). */
  protobufRoot(): protobuf.Root {
    return this.root;
  }

  /**
   * Adds one message type to the protobufjs Root, with every type it refers to, transitively. Only what an
   * object needs is parsed: a ConfigMap pulls in a dozen types, not the 300 of core/v1 and meta/v1.
   */
  private define(fullName: string): protobuf.Type {
    const existing = this.root.lookup(fullName);
    if (existing instanceof protobuf.Type) return existing;
    const dot = fullName.lastIndexOf('.');
    const proto = fullName.slice(0, dot);
    const name = fullName.slice(dot + 1);
    const pkg = this.packagesByProto.get(proto);
    const spec = pkg?.messages[name];
    if (pkg === undefined || spec === undefined) throw new Error(`schema has no message ${fullName}`);
    const descriptor = messageDescriptor(pkg, name, spec);
    const type = protobuf.Type.fromJSON(name, descriptor);
    this.root.define(proto).add(type);
    for (const field of Object.values(descriptor.fields)) {
      if (field.type.startsWith('.')) this.define(field.type.slice(1));
    }
    return type;
  }

  private compile(type: protobuf.Type): CompiledMessage {
    const existing = this.compiled.get(type);
    if (existing !== undefined) return existing;
    const typeOptions = (type.options ?? {}) as TypeOptions;
    const fields: CompiledField[] = [];
    const jsonOrder: CompiledField[] = [];
    const byNumber: Array<CompiledField | undefined> = [];
    const byKey = new Map<string, CompiledField>();
    const message: CompiledMessage & { hasInline: boolean } = {
      fullName: type.fullName.slice(1),
      codec: typeOptions.codec ?? null,
      wrappedSlice: typeOptions.wrappedSlice === true,
      fields,
      jsonOrder,
      hasInline: false,
      byNumber,
      byKey,
    };
    // Registered before the fields are filled so recursive types (JSONSchemaProps) terminate.
    this.compiled.set(type, message);
    type.resolveAll();
    for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
      const options = (field.options ?? {}) as Partial<FieldOptions>;
      const scalar = isScalarType(field.type) ? field.type : field.type === 'double' ? 'float64' : field.type === 'float' ? 'float32' : null;
      const resolved = field.resolvedType;
      const compiledField: CompiledField = {
        number: field.id,
        index: fields.length,
        key: message.codec !== null ? String(field.id) : (options.key ?? field.name),
        shape: options.shape ?? (field.map ? 'map' : field.repeated ? 'slice' : 'value'),
        omitempty: options.omitempty === true,
        omitzero: options.omitzero === true,
        inline: options.inline === true,
        scalar: resolved === null ? scalar : null,
        message: resolved instanceof protobuf.Type ? this.compile(resolved) : null,
        wireType: resolved === null ? wireTypeOf(scalar) : 2,
      };
      if (compiledField.scalar === null && compiledField.message === null) {
        throw new Error(`${type.fullName}.${field.name}: unsupported type ${field.type}`);
      }
      fields.push(compiledField);
      byNumber[field.id] = compiledField;
      byKey.set(compiledField.key, compiledField);
      if (compiledField.inline) message.hasInline = true;
      else jsonOrder.push(compiledField);
    }
    jsonOrder.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return message;
  }
}

let defaultRegistry: SchemaRegistry | undefined;

/** The registry over every built-in package, created on first use. */
export function schemaRegistry(): SchemaRegistry {
  defaultRegistry ??= new SchemaRegistry();
  return defaultRegistry;
}
