/**
 * The one formatter of config errors: `path: expected <what to write, in the config's words>, got <what is there>`,
 * and for an unknown key the nearest known one: `sources.postgres_replicas: unknown field, did you mean
 * sources.postgres.replicas?`. One line per problem.
 */
import type { z } from 'zod';
import { formatPath, valueAt } from './config-path.js';
import { expectedShape, foundShape, nodeAt, type SchemaNode } from './config-shape.js';
import { configJsonSchema } from './json-schema.js';
import { knownKeys, nearestKey } from './nearest-key.js';

type Issue = z.core.$ZodIssue;

let schema: { root: SchemaNode; keys: ReturnType<typeof knownKeys> } | undefined;
const configShape = () => {
  if (!schema) {
    const root = configJsonSchema() as SchemaNode;
    schema = { root, keys: knownKeys(root) };
  }
  return schema;
};

export function formatIssues(error: z.ZodError, input: unknown): string {
  return unique(error.issues.map((issue) => formatIssue(issue, input))).join('\n');
}

function formatIssue(issue: Issue, input: unknown): string {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => unknownKey(issue.path, k)).join('\n');
  if (issue.code === 'invalid_union') {
    const branch = closestBranch(issue.errors);
    if (branch?.[0])
      return branch
        .map((inner) => formatIssue({ ...inner, path: [...issue.path, ...inner.path] } as Issue, input))
        .join('\n');
  }
  return `${path || '(config)'}: ${message(issue, valueAt(input, issue.path))}`;
}

/**
 * The branch of a choice the value was meant for: of those whose kind it has (a mapping for a mapping), the one with
 * the fewest problems. None, or a tie: the choice itself is reported, with every shape it takes.
 */
function closestBranch(branches: readonly Issue[][]): Issue[] | undefined {
  const sameKind = branches.filter((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  const fewest = Math.min(...sameKind.map((issues) => issues.length));
  const closest = sameKind.filter((issues) => issues.length === fewest);
  return closest.length === 1 ? closest[0] : undefined;
}

function message(issue: Issue, value: unknown): string {
  const node = nodeAt(configShape().root, issue.path);
  if (value === undefined && issue.code === 'invalid_type') return `required, expected ${expected(node, issue)}`;
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map(String).join(' | ')}, got ${foundShape(value)}`;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union')
    return `expected ${expected(node, issue)}, got ${foundShape(value)}`;
  if (issue.code === 'too_small' && Array.isArray(value)) {
    const entries = Number(issue.minimum) === 1 ? 'entry' : 'entries';
    return `expected at least ${issue.minimum} ${entries}, got ${foundShape(value)}`;
  }
  const text = /^expected /.test(issue.message) ? issue.message : plainWords(issue);
  return /got /.test(text) || value === undefined ? text : `${text}, got ${foundShape(value)}`;
}

function expected(node: SchemaNode | undefined, issue: Issue): string {
  if (node) return expectedShape(node);
  return issue.code === 'invalid_type' ? String(issue.expected) : 'another value';
}

/** zod's own wording ("Too big: expected number to be <=65535") in the config's. */
function plainWords(issue: Issue): string {
  if (issue.code === 'too_big') return `expected ${issue.origin === 'number' ? 'a number ' : ''}≤ ${issue.maximum}`;
  if (issue.code === 'too_small') return `expected ${issue.origin === 'number' ? 'a number ' : ''}≥ ${issue.minimum}`;
  return issue.message;
}

function unknownKey(path: readonly PropertyKey[], key: string): string {
  const { keys } = configShape();
  const parent = path.filter((p): p is string => typeof p === 'string');
  const near = nearestKey(keys, parent, key);
  const at = formatPath([...path, key]);
  return `${at}: unknown field${near && near !== at ? `, did you mean ${near}?` : ''}`;
}

const unique = (lines: string[]): string[] => [...new Set(lines)];
