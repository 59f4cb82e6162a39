/**
 * The decoded object model: what JSON can hold, plus bigint for 64-bit integers beyond 2^53 (etcd IDs, int64
 * fields) so they print exactly. Renderers in src/render print bigint as plain digits.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
