/** A YAML or JSON document holding one object, read as the API server would read it (integers exact). */
import { parseAllDocuments } from 'yaml';
import { isJsonObject, type JsonObject, type JsonValue } from './value.js';

function exactNumbers(value: unknown): JsonValue {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(exactNumbers);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = exactNumbers(item);
    return out;
  }
  return value as JsonValue;
}

/** Throws an Error naming the problem (YAML syntax with line, several documents, not an object). */
export function parseObjectDocument(text: string, name: string): JsonObject {
  const documents = parseAllDocuments(text, { intAsBigInt: true, version: '1.2' })
    .filter((doc) => !(doc.contents === null && doc.errors.length === 0));
  if (documents.length === 0) throw new Error(`${name} holds no object`);
  if (documents.length > 1) throw new Error(`${name} holds ${documents.length} documents; give one object at a time`);
  const [document] = documents;
  if (document === undefined) throw new Error(`${name} holds no object`);
  const [problem] = document.errors;
  if (problem !== undefined) throw new Error(`${name}: ${problem.message.split('\n')[0]}`);
  const value = exactNumbers(document.toJS({ maxAliasCount: 100 }));
  if (!isJsonObject(value)) throw new Error(`${name} does not hold an object`);
  return value;
}
