/**
 * Values a step takes from its response for later steps: a JSON path (`a.b[0].c`), a regex (its first group, or
 * the whole match), a header, or a cookie the response left in the jar. Compiled once (a bad path or regex is a
 * config error); a value that is not there is undefined, and the iteration then fails with class `extract`.
 */
import { ConfigError } from '../errors.js';

export type ExtractorSpec = { json: string } | { regex: string } | { header: string } | { cookie: string };

export type Extractor =
  | { name: string; kind: 'json'; source: string; path: (string | number)[] }
  | { name: string; kind: 'regex'; source: string }
  | { name: string; kind: 'header'; source: string }
  | { name: string; kind: 'cookie'; source: string };

/** What an extractor reads from: the response, its body (when kept) and the user's cookie for the step's URL. */
export interface ExtractInput {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string | undefined;
  cookie: (name: string) => string | undefined;
}

export function compileExtractor(name: string, spec: ExtractorSpec, where: string): Extractor {
  if ('json' in spec) return { name, kind: 'json', source: spec.json, path: parseJsonPath(spec.json, where) };
  if ('regex' in spec) {
    try {
      new RegExp(spec.regex);
    } catch (err) {
      throw new ConfigError(`${where}.regex: not a valid regular expression: ${(err as Error).message}`);
    }
    return { name, kind: 'regex', source: spec.regex };
  }
  if ('header' in spec) return { name, kind: 'header', source: spec.header.toLowerCase() };
  return { name, kind: 'cookie', source: spec.cookie };
}

/** Extractors that need the response body. */
export function needsBody(extractor: Extractor): boolean {
  return extractor.kind === 'json' || extractor.kind === 'regex';
}

export function extract(extractor: Extractor, input: ExtractInput): string | undefined {
  switch (extractor.kind) {
    case 'json':
      return input.body === undefined ? undefined : fromJson(input.body, extractor.path);
    case 'regex':
      return input.body === undefined ? undefined : fromRegex(input.body, extractor);
    case 'header':
      return firstValue(input.headers[extractor.source]);
    case 'cookie':
      return nonEmpty(input.cookie(extractor.source));
  }
}

/** `order_id`, `data.items[0].id`, `$.a.b`, `[2].id` → ['data', 'items', 0, 'id']. */
export function parseJsonPath(path: string, where: string): (string | number)[] {
  const text = path.trim().replace(/^\$\.?/, '');
  if (!JSON_PATH.test(text)) {
    throw new ConfigError(
      `${where}.json: expected a JSON path like order_id or data.items[0].id, got ${JSON.stringify(path)}`,
    );
  }
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

const JSON_PATH = /^(?:[^.[\]]+|\[\d+\])(?:\.[^.[\]]+|\[\d+\])*$/;
const compiled = new Map<string, RegExp>();

function fromJson(body: string, path: readonly (string | number)[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  if (value === null || value === undefined) return undefined;
  return nonEmpty(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function fromRegex(body: string, extractor: Extract<Extractor, { kind: 'regex' }>): string | undefined {
  let regex = compiled.get(extractor.source);
  if (!regex) compiled.set(extractor.source, (regex = new RegExp(extractor.source)));
  const m = regex.exec(body);
  if (!m) return undefined;
  return nonEmpty(m.length > 1 ? m[1] : m[0]);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return nonEmpty(Array.isArray(value) ? value[0] : value);
}

/** An empty capture is a failed one: it would otherwise be sent as an empty string. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
