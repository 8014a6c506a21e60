/**
 * `{{name}}` templates in a step's path, headers, form and json values: extracted variables, data set columns
 * (`{{users.username}}`) and built-ins (`{{iteration}}`, `{{vu}}`, `{{uuid}}`, `{{random_int(1,5000)}}`).
 * Compiled once against what a step can see — an unknown name is a config error naming the field — and
 * rendered per request. A compiled template is plain data, so plans carry it to worker threads.
 */
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../errors.js';

export type Ref =
  | { kind: 'var'; name: string }
  | { kind: 'data'; set: string; column: number; label: string }
  | { kind: 'iteration' }
  | { kind: 'vu' }
  | { kind: 'uuid' }
  | { kind: 'random_int'; min: number; max: number };

/** How a rendered value is written where it lands: as is (headers), in a URL path, a form body, a JSON string. */
export type Encoding = 'raw' | 'url' | 'form' | 'json';

export interface Template {
  /** Literal text (already in the target encoding) and references, in order. */
  parts: (string | Ref)[];
  encoding: Encoding;
}

/** What a step can refer to when it is compiled. */
export interface TemplateScope {
  /** Variables extracted by the flow's earlier steps. */
  vars: ReadonlySet<string>;
  /** Data sets and their columns. */
  data: ReadonlyMap<string, readonly string[]>;
}

export interface RenderContext {
  vars: ReadonlyMap<string, string>;
  /** Each data set's row for this iteration. */
  rows: ReadonlyMap<string, readonly string[]>;
  iteration: number;
  vu: number;
  random: () => number;
}

export const BUILT_INS = ['iteration', 'vu', 'uuid', 'random_int(a,b)'] as const;
const RESERVED = new Set(['iteration', 'vu', 'uuid', 'random_int']);
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const RANDOM_INT = /^random_int\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)$/;

export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

/** True when `text` holds at least one `{{…}}`. */
export function hasPlaceholders(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

export function compileTemplate(text: string, encoding: Encoding, scope: TemplateScope, where: string): Template {
  const parts: (string | Ref)[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(encodeLiteral(text.slice(last, m.index), encoding));
    parts.push(resolveRef(m[1]!, scope, where));
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(encodeLiteral(text.slice(last), encoding));
  return { parts, encoding };
}

/** The references a template makes (to know which data sets a flow uses). */
export function refsOf(template: Template): Ref[] {
  return template.parts.filter((p): p is Ref => typeof p !== 'string');
}

/** The rendered text, or undefined when a variable it needs has no value. */
export function renderTemplate(template: Template, ctx: RenderContext): string | undefined {
  const { parts } = template;
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = refValue(part, ctx);
    if (value === undefined) return undefined;
    out += encodeValue(value, template.encoding);
  }
  return out;
}

/** For the trace: like renderTemplate, but a reference `secret()` says is secret shows as `***`. */
export function displayTemplate(template: Template, ctx: RenderContext, secret: (ref: Ref) => boolean): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') out += part;
    else if (secret(part)) out += '***';
    else out += encodeValue(refValue(part, ctx) ?? `{{${refLabel(part)}}}`, template.encoding);
  }
  return out;
}

export function refLabel(ref: Ref): string {
  switch (ref.kind) {
    case 'var':
      return ref.name;
    case 'data':
      return ref.label;
    case 'random_int':
      return `random_int(${ref.min},${ref.max})`;
    default:
      return ref.kind;
  }
}

function refValue(ref: Ref, ctx: RenderContext): string | undefined {
  switch (ref.kind) {
    case 'var':
      return ctx.vars.get(ref.name);
    case 'data':
      return ctx.rows.get(ref.set)?.[ref.column];
    case 'iteration':
      return String(ctx.iteration);
    case 'vu':
      return String(ctx.vu);
    case 'uuid':
      return randomUUID();
    case 'random_int':
      return String(ref.min + Math.floor(ctx.random() * (ref.max - ref.min + 1)));
  }
}

function resolveRef(expression: string, scope: TemplateScope, where: string): Ref {
  if (expression === 'iteration' || expression === 'vu' || expression === 'uuid') return { kind: expression };
  const random = RANDOM_INT.exec(expression);
  if (random) {
    const [min, max] = [Number(random[1]), Number(random[2])];
    if (min > max) throw new ConfigError(`${where}: {{${expression}}}: the lower bound is above the upper bound`);
    return { kind: 'random_int', min, max };
  }
  const dot = expression.indexOf('.');
  if (dot > 0) {
    const set = expression.slice(0, dot);
    const column = expression.slice(dot + 1);
    const columns = scope.data.get(set);
    if (columns) {
      const index = columns.indexOf(column);
      if (index >= 0) return { kind: 'data', set, column: index, label: expression };
      throw new ConfigError(
        `${where}: unknown variable {{${expression}}}: data set ${set} has the columns ${columns.join(', ')}`,
      );
    }
  }
  if (scope.vars.has(expression)) return { kind: 'var', name: expression };
  throw new ConfigError(`${where}: unknown variable {{${expression}}}: ${knownNames(scope)}`);
}

function knownNames(scope: TemplateScope): string {
  const vars = [...scope.vars];
  const sets = [...scope.data.keys()];
  return [
    vars.length ? `extracted by earlier steps: ${vars.join(', ')}` : 'no earlier step extracts a variable',
    sets.length ? `data sets: ${sets.map((s) => `${s}.<column>`).join(', ')}` : 'no data set',
    `built-ins: ${BUILT_INS.join(', ')}`,
  ].join('; ');
}

function encodeLiteral(text: string, encoding: Encoding): string {
  return encoding === 'form' ? formEncode(text) : text;
}

function encodeValue(value: string, encoding: Encoding): string {
  switch (encoding) {
    case 'raw':
      return value;
    case 'url':
      return encodeURIComponent(value);
    case 'form':
      return formEncode(value);
    case 'json':
      return JSON.stringify(value).slice(1, -1);
  }
}

/** application/x-www-form-urlencoded, as a browser encodes a form field. */
export function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}
