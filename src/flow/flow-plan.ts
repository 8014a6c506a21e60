/**
 * From the config's `flows` and `data` to what the engine runs: every step's request compiled once (templates
 * checked against what the step can see, so an unknown name is exit 2 with the field), and the data sets loaded.
 * Plain data, so plans carry it to worker threads. Reads the data set files.
 */
import type { Config, FlowConfig, StepConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { WireRequest } from '../load/transport.js';
import { commonHeaders, expectedStatuses, lowercase, withDefaults } from '../load/endpoints.js';
import { CSRF_BODY_BYTES } from './django-csrf.js';
import { compileExtractor, needsBody, type Extractor } from './extract.js';
import { loadDataSet, type DataSet } from './data-set.js';
import { compileTemplate, formEncode, isReservedName, refsOf, type Template, type TemplateScope } from './template.js';

/** Every step keeps this much of its body: enough to see Django's CSRF failure page and show a failure. */
export const STEP_BODY_BYTES = 16 * 1024;
/** A step that extracts from its body keeps up to this much of it. */
export const EXTRACT_BODY_BYTES = 1024 * 1024;

/**
 * Response headers a step reads besides Set-Cookie and Location (a client may record only those it is asked for):
 * how to decode the kept body, and whether it is a page that may hold a CSRF hidden field.
 */
const BODY_HEADERS = ['content-type', 'content-encoding'] as const;

export interface StepPlan {
  /** "<flow>/<step>": the step's endpoint in run.json. */
  name: string;
  step: string;
  /** The step's index among the engine's endpoints (after the plain endpoints). */
  endpoint: number;
  method: string;
  /** The path as configured (for reports). */
  configuredPath: string;
  origin: string;
  /** Of the origin, for cookies: "http:" or "https:", and the lowercase host name. */
  protocol: string;
  hostname: string;
  path: Template;
  /** Headers without templates, names lowercase (defaults, config headers, the step's own). */
  headers: Record<string, string>;
  headerTemplates: [string, Template][];
  body?: Template;
  expect: number[] | null;
  extract: Extractor[];
  thinkMs: number;
  keepBody: number;
  /** Response headers to record (WireRequest.keepHeaders). */
  keepHeaders: string[];
}

export interface FlowPlan {
  name: string;
  weight: number;
  csrf: boolean;
  steps: StepPlan[];
  /** The data sets an iteration takes a row of. */
  dataSets: string[];
}

export interface PreparedFlows {
  flows: FlowPlan[];
  data: DataSet[];
}

/** `firstEndpoint`: how many plain endpoints come before the steps. */
export function prepareFlows(
  config: Pick<Config, 'target' | 'headers' | 'flows' | 'data'> & Partial<Pick<Config, 'app'>>,
  firstEndpoint: number,
): PreparedFlows {
  const data = Object.entries(config.data).map(([name, set]) => loadDataSet(name, set));
  const columns = new Map(data.map((d) => [d.name, d.columns]));
  const seen = new Set<string>();
  let endpoint = firstEndpoint;
  const flows = config.flows.map((flow, i) => {
    if (seen.has(flow.name))
      throw new ConfigError(
        `flows[${i}].name: ${JSON.stringify(flow.name)} is used twice; give each flow a unique name`,
      );
    seen.add(flow.name);
    const plan = prepareFlow(config, flow, `flows[${i}]`, columns, endpoint);
    endpoint += plan.steps.length;
    return plan;
  });
  const used = new Set(flows.flatMap((f) => f.dataSets));
  return { flows, data: data.filter((d) => used.has(d.name)) };
}

function prepareFlow(
  config: Pick<Config, 'target' | 'headers'> & Partial<Pick<Config, 'app'>>,
  flow: FlowConfig,
  where: string,
  columns: ReadonlyMap<string, readonly string[]>,
  firstEndpoint: number,
): FlowPlan {
  const vars = new Set<string>();
  const names = new Set<string>();
  const steps = flow.steps.map((step, i) => {
    const at = `${where}.steps[${i}]`;
    if (names.has(step.name))
      throw new ConfigError(`${at}.name: ${JSON.stringify(step.name)} is used twice in flow ${flow.name}`);
    names.add(step.name);
    const plan = prepareStep(config, flow, step, at, { vars, data: columns }, firstEndpoint + i);
    for (const e of plan.extract) vars.add(e.name);
    return plan;
  });
  const templates = steps.flatMap((s) => [s.path, ...s.headerTemplates.map(([, t]) => t), ...(s.body ? [s.body] : [])]);
  const dataSets = [...new Set(templates.flatMap(refsOf).flatMap((r) => (r.kind === 'data' ? [r.set] : [])))];
  return { name: flow.name, weight: flow.weight, csrf: flow.csrf === 'django', steps, dataSets };
}

function prepareStep(
  config: Pick<Config, 'target' | 'headers'> & Partial<Pick<Config, 'app'>>,
  flow: FlowConfig,
  step: StepConfig,
  where: string,
  scope: TemplateScope,
  endpoint: number,
): StepPlan {
  const { origin, path } = resolveTarget(config.target, step.path, `${where}.path`);
  const headers: Record<string, string> = {};
  const headerTemplates: [string, Template][] = [];
  for (const [name, value] of Object.entries(withDefaults({ ...commonHeaders(config), ...lowercase(step.headers) }))) {
    const template = compileTemplate(value, 'raw', scope, `${where}.headers.${name}`);
    if (refsOf(template).length) headerTemplates.push([name, template]);
    else headers[name] = value;
  }
  const body = compileBody(step, scope, where, headers);
  const extract = Object.entries(step.extract).map(([name, spec]) => {
    if (isReservedName(name) || name.includes('.'))
      throw new ConfigError(`${where}.extract.${name}: a built-in or data set name; choose another variable name`);
    return compileExtractor(name, spec, `${where}.extract.${name}`);
  });
  const expect = expectedStatuses(step.expect);
  return {
    name: `${flow.name}/${step.name}`,
    step: step.name,
    endpoint,
    method: step.method,
    configuredPath: step.path,
    origin,
    protocol: new URL(origin).protocol,
    hostname: new URL(origin).hostname.toLowerCase(),
    path: compileTemplate(path, 'url', scope, `${where}.path`),
    headers,
    headerTemplates,
    ...(body ? { body } : {}),
    expect: expect ? [...expect] : null,
    extract,
    thinkMs: step.think,
    keepBody: extract.some(needsBody) ? EXTRACT_BODY_BYTES : flow.csrf ? CSRF_BODY_BYTES : STEP_BODY_BYTES,
    keepHeaders: [...BODY_HEADERS, ...extract.flatMap((e) => (e.kind === 'header' ? [e.source] : []))],
  };
}

function compileBody(
  step: StepConfig,
  scope: TemplateScope,
  where: string,
  headers: Record<string, string>,
): Template | undefined {
  if (step.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const fields = Object.entries(step.form).map(([key, value]) => {
      const field = compileTemplate(String(value), 'form', scope, `${where}.form.${key}`);
      return { ...field, parts: [`${formEncode(key)}=`, ...field.parts] };
    });
    return { encoding: 'form', parts: fields.flatMap((f, i) => (i ? ['&', ...f.parts] : f.parts)) };
  }
  if (step.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return compileTemplate(JSON.stringify(step.json), 'json', scope, `${where}.json`);
  }
  if (step.body !== undefined) return compileTemplate(step.body, 'raw', scope, `${where}.body`);
  return undefined;
}

/** Origin and path of a step; the path stays as written (templates and all) under the target's base path. */
function resolveTarget(target: string | undefined, path: string, where: string): { origin: string; path: string } {
  const absolute = /^(https?:\/\/[^/]+)(.*)$/i.exec(path);
  if (absolute) return { origin: new URL(absolute[1]!).origin, path: absolute[2] || '/' };
  if (!target)
    throw new ConfigError(`target: required (a base URL such as https://staging.example.com) to resolve ${where}`);
  const base = new URL(target);
  return { origin: base.origin, path: `${base.pathname.replace(/\/$/, '')}${path}` };
}

/** A GET of `/` on every origin the flows reach, for the preflight (no step is sent before the load). */
export function flowOrigins(
  flows: readonly FlowPlan[] | undefined,
): { origin: string; method: string; request: WireRequest }[] {
  const out = new Map<string, { origin: string; method: string; request: WireRequest }>();
  for (const step of (flows ?? []).flatMap((f) => f.steps)) {
    if (out.has(step.origin)) continue;
    const request = { origin: step.origin, method: 'GET', path: '/', headers: step.headers };
    out.set(step.origin, { origin: step.origin, method: 'GET', request });
  }
  return [...out.values()];
}

/** The flow with its steps recorded from endpoint index `first` on (a plan of its own, as the profile phase runs). */
export function renumberSteps(flow: FlowPlan, first: number): FlowPlan {
  return { ...flow, steps: flow.steps.map((s, i) => ({ ...s, endpoint: first + i })) };
}
