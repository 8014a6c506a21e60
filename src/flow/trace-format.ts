/**
 * `run --trace` in words: every request and response of one iteration — method, URL, status, the headers that
 * matter, what was extracted, the first KB of a failed body — with secrets masked: cookie and CSRF token values,
 * extracted values and data set values never print. Pure.
 */
import { formatMs } from '../util/format.js';
import { redactText } from '../util/redact.js';
import type { IterationEnd, StepEvent } from './iteration.js';
import type { FlowPlan } from './flow-plan.js';
import { displayTemplate, type Ref } from './template.js';

const MASK = '***';
const FAILED_BODY_BYTES = 1024;
/** Request headers worth seeing; values of the secret ones are masked. */
const SENT = ['content-type', 'origin', 'referer', 'x-csrftoken', 'authorization', 'cookie'] as const;
const MASKED = new Set(['x-csrftoken', 'authorization']);
const RECEIVED = ['content-type', 'location', 'cache-control', 'vary'] as const;

/** Built-ins print; extracted values and data set values are masked wherever a template uses them. */
const secretRef = (ref: Ref): boolean => ref.kind === 'var' || ref.kind === 'data';

export function traceHeading(flow: FlowPlan, iteration: number, vu: number): string {
  return `flow ${flow.name} · iteration ${iteration} · vu ${vu}${flow.csrf ? ' · csrf: django' : ''}`;
}

export function traceStep(event: StepEvent): string[] {
  const { step, request, outcome } = event;
  const url = step.origin + displayTemplate(step.path, event.render, secretRef);
  const mark = event.errorClass ? '✗' : '✓';
  const status = outcome.error ? 'no response' : String(outcome.status);
  const lines = [`  ${mark} ${step.step}  ${step.method} ${redactText(url)}  → ${status}  ${formatMs(event.ms)}`];
  const sent = SENT.flatMap((h) => {
    const v = request.headers[h];
    if (v === undefined) return [];
    if (h === 'cookie') return [`cookie: ${cookieNames(v)}`];
    return [`${h}: ${MASKED.has(h) ? MASK : redactText(v)}`];
  });
  if (sent.length) lines.push(`      sent      ${sent.join('  ')}`);
  const got = RECEIVED.flatMap((h) => {
    const v = outcome.headers?.[h];
    return typeof v === 'string' ? [`${h}: ${redactText(v)}`] : [];
  });
  const cookies = setCookies(outcome.headers?.['set-cookie']);
  if (cookies) got.push(`set-cookie: ${cookies}`);
  if (got.length) lines.push(`      received  ${got.join('  ')}`);
  for (const [name, value] of event.extracted)
    lines.push(`      extracted ${name} (${value.length} character${value.length === 1 ? '' : 's'})`);
  if (event.errorClass) {
    lines.push(`      failed    ${event.errorClass}${event.reason ? `: ${redactText(event.reason)}` : ''}`);
    const body = event.body?.slice(0, FAILED_BODY_BYTES).trim();
    if (body)
      lines.push(
        ...redactText(body)
          .split('\n')
          .map((l) => `      │ ${l}`),
      );
  }
  return lines;
}

export function traceEnd(flow: FlowPlan, end: IterationEnd): string {
  if (end.kind === 'completed') return `flow ${flow.name}: completed`;
  if (end.kind === 'cut') return `flow ${flow.name}: stopped`;
  const reason = end.reason ? `: ${redactText(end.reason)}` : '';
  return `flow ${flow.name}: failed at ${end.step} (${end.errorClass}${reason})`;
}

/** "csrftoken=***; sessionid=***": names only. */
function cookieNames(header: string): string {
  return header
    .split(';')
    .map((c) => `${c.split('=')[0]!.trim()}=${MASK}`)
    .join('; ');
}

/** "csrftoken=*** (Path=/; SameSite=Lax), sessionid=*** (…)": values masked, attributes kept. */
function setCookies(raw: string | string[] | undefined): string | undefined {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (!list.length) return undefined;
  return list
    .map((c) => {
      const [pair = '', ...attrs] = c.split(';');
      const name = pair.split('=')[0]!.trim();
      const kept = attrs.map((a) => a.trim()).filter((a) => a && !/^expires=/i.test(a));
      return `${name}=${MASK}${kept.length ? ` (${kept.join('; ')})` : ''}`;
    })
    .join(', ');
}
