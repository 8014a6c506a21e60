/**
 * What a config position expects, in the config's words, read from the generated JSON Schema (so a new word is
 * described with no second edit): `a mapping {primary: DSN, replicas: [DSN], pgbouncer: DSN, top: whole number}`.
 */
export interface SchemaNode {
  type?: string | string[];
  title?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  exclusiveMinimum?: number;
  minimum?: number;
}

/** The node a config path leads to, through mappings, lists and the branches of a choice. */
export function nodeAt(root: SchemaNode, path: readonly PropertyKey[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const part of path) node = node && childOf(node, part);
  return node;
}

function childOf(node: SchemaNode, part: PropertyKey): SchemaNode | undefined {
  for (const branch of [node, ...(node.anyOf ?? [])]) {
    if (typeof part === 'number' && branch.items) return branch.items;
    if (typeof part === 'string' && branch.properties?.[part]) return branch.properties[part];
    if (typeof part === 'string' && typeof branch.additionalProperties === 'object') return branch.additionalProperties;
  }
  return undefined;
}

const MAPPING_KEYS_SHOWN = 6;

/** `a mapping {…}`, `a list of DSN`, `a duration`, `one of terminal | json`: what to write at this node. */
export function expectedShape(node: SchemaNode): string {
  if (node.title) return withArticle(node.title);
  if (node.anyOf?.every((n) => typeList(n).includes('object')))
    return `one of ${unique(node.anyOf.map((n) => innerShape(n, 1))).join(' | ')}`;
  if (node.anyOf) return unique(node.anyOf.map(expectedShape)).join(' or ');
  if (node.enum) return `one of ${node.enum.map(String).join(' | ')}`;
  if (node.const !== undefined) return String(node.const);
  const types = typeList(node);
  if (types.length > 1) return types.map((t) => withArticle(scalarWord(t, node))).join(' or ');
  if (types[0] === 'object') return `a mapping {${node.properties ? fields(node.properties) : namedEntry(node)}}`;
  if (types[0] === 'array') return `a list [${node.items ? innerShape(node.items, 1) : '…'}]`;
  return types[0] ? withArticle(scalarWord(types[0], node)) : 'a value';
}

function fields(properties: Record<string, SchemaNode>): string {
  const keys = Object.keys(properties);
  const shown = keys.slice(0, MAPPING_KEYS_SHOWN).map((k) => `${k}: ${innerShape(properties[k]!, 1)}`);
  return [...shown, ...(keys.length > MAPPING_KEYS_SHOWN ? ['…'] : [])].join(', ');
}

const namedEntry = (node: SchemaNode): string =>
  typeof node.additionalProperties === 'object' ? `<name>: ${innerShape(node.additionalProperties, 1)}` : '…';

/** A shape inside a mapping or list: bare words, nesting cut short. */
function innerShape(node: SchemaNode, depth: number): string {
  if (node.title) return node.title;
  if (node.anyOf) return unique(node.anyOf.map((n) => innerShape(n, depth))).join(' | ');
  if (node.enum) return node.enum.map(String).join(' | ');
  if (node.const !== undefined) return String(node.const);
  const types = typeList(node);
  if (types.length > 1) return types.map((t) => scalarWord(t, node)).join(' | ');
  if (types[0] === 'array') return depth > 2 || !node.items ? '[…]' : `[${innerShape(node.items, depth + 1)}]`;
  if (types[0] === 'object') {
    const keys = Object.keys(node.properties ?? {});
    const more = keys.length > MAPPING_KEYS_SHOWN ? ', …' : '';
    return depth > 1 || !keys.length ? '{…}' : `{${keys.slice(0, MAPPING_KEYS_SHOWN).join(', ')}${more}}`;
  }
  return types[0] ? scalarWord(types[0], node) : 'value';
}

function scalarWord(type: string, node: SchemaNode): string {
  const positive = node.exclusiveMinimum === 0 ? 'positive ' : '';
  if (type === 'integer') return `${positive}whole number`;
  if (type === 'number') return `${positive}number`;
  if (type === 'boolean') return 'true or false';
  if (type === 'string') return 'text';
  return type;
}

const typeList = (node: SchemaNode): string[] =>
  node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
const unique = (words: string[]): string[] => [...new Set(words)];
const withArticle = (word: string): string =>
  /^(a|an|one of|text|true or false)\b/.test(word) ? word : `${/^[aeio]/i.test(word) ? 'an' : 'a'} ${word}`;

/** What a config holds at a position, as a person would say it: `a list`, `a mapping`, `"fast"`, `-1`. */
export function foundShape(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return `a mapping {${Object.keys(value).join(', ')}}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
