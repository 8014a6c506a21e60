/**
 * A variable is text, but `rate: ${RATE:-50}` means the number 50: where a string was one reference and the schema
 * takes a number or true/false there (and no text), the resolved text is read as one. Anything else stays text,
 * so validation names what is wrong (`load.rate: expected a positive number, got "fast"`).
 */
import { nodeAt, type SchemaNode } from './config-shape.js';
import { configJsonSchema } from './json-schema.js';

let root: SchemaNode | undefined;

export function typeWholeReferences(value: unknown, whole: readonly (string | number)[][]): unknown {
  if (!whole.length) return value;
  root ??= configJsonSchema() as SchemaNode;
  let out = value;
  for (const path of whole) out = replaceAt(out, path, (text) => scalarFor(nodeAt(root!, path), text));
  return out;
}

function scalarFor(node: SchemaNode | undefined, text: unknown): unknown {
  if (typeof text !== 'string' || !node) return text;
  const types = new Set([node, ...(node.anyOf ?? [])].flatMap((n) => (n.type === undefined ? [] : [n.type].flat())));
  if (types.has('string')) return text;
  if ((types.has('number') || types.has('integer')) && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text);
  if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function replaceAt(value: unknown, path: readonly (string | number)[], change: (v: unknown) => unknown): unknown {
  if (!path.length) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number')
    return value.map((v, i) => (i === head ? replaceAt(v, rest, change) : v));
  if (value && typeof value === 'object' && typeof head === 'string') {
    const record = value as Record<string, unknown>;
    return { ...record, [head]: replaceAt(record[head], rest, change) };
  }
  return value;
}
