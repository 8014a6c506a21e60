/**
 * One iteration of a flow: one virtual user's session. Its steps go out in order on the user's lane, each with the
 * user's cookies, CSRF token, extracted values and data rows; the iteration stops at its first failed step.
 */
import type { Outcome, Transport, WireRequest } from '../load/transport.js';
import type { ErrorClass } from '../result/run-result.js';
import { CookieJar, type CookieTarget } from './cookie-jar.js';
import { CSRF_COOKIE, DjangoCsrfToken } from './django-csrf.js';
import { extract } from './extract.js';
import type { FlowPlan, StepPlan } from './flow-plan.js';
import { bodyText } from './response-body.js';
import { judgeStep } from './step-verdict.js';
import { renderTemplate, type RenderContext } from './template.js';

export interface IterationHost {
  readonly transport: Transport;
  /** A step's response, recorded as its endpoint's; latency counts from `dueAt` (clock ms). */
  record(step: StepPlan, dueAt: number, outcome: Outcome, errorClass: ErrorClass | null): void;
  /** Stopped (interrupt, abort): send no further step. */
  stopped(): boolean;
  random(): number;
  /** Every step as it completes (the trace). */
  observe?: (event: StepEvent) => void;
}

export interface StepEvent {
  flow: FlowPlan;
  step: StepPlan;
  request: WireRequest;
  outcome: Outcome;
  /** From sending to the response's end. */
  ms: number;
  errorClass: ErrorClass | null;
  reason?: string;
  body: string | undefined;
  /** Values this step extracted, by variable name. */
  extracted: [string, string][];
  render: RenderContext;
}

export interface Identity {
  iteration: number;
  vu: number;
  rows: ReadonlyMap<string, readonly string[]>;
  /** The virtual user's connection (closed model); undefined to use the shared pool. */
  lane: number | undefined;
  /** Clock ms the iteration was meant to start (open model) or started. */
  startAt: number;
}

export type IterationEnd =
  | { kind: 'completed'; endedAt: number }
  | { kind: 'failed'; step: string; errorClass: ErrorClass; reason?: string; endedAt: number }
  | { kind: 'cut'; endedAt: number };

export class Iteration {
  private readonly jar = new CookieJar();
  private readonly vars = new Map<string, string>();
  private readonly csrf: DjangoCsrfToken | undefined;
  private readonly ctx: RenderContext;
  /** The last page (GET) this user saw: the Referer a browser would send. */
  private referer: string | undefined;

  constructor(
    private readonly flow: FlowPlan,
    private readonly host: IterationHost,
    private readonly identity: Identity,
    private readonly onEnd: (end: IterationEnd) => void,
  ) {
    this.csrf = flow.csrf ? new DjangoCsrfToken() : undefined;
    this.ctx = {
      vars: this.vars,
      rows: identity.rows,
      iteration: identity.iteration,
      vu: identity.vu,
      random: host.random,
    };
  }

  start(): void {
    this.next(0);
  }

  private next(index: number): void {
    const think = this.flow.steps[index]!.thinkMs;
    if (think > 0) setTimeout(() => this.send(index, performance.now()), think);
    else this.send(index, index === 0 ? this.identity.startAt : performance.now());
  }

  private send(index: number, dueAt: number): void {
    if (this.host.stopped()) {
      this.onEnd({ kind: 'cut', endedAt: performance.now() });
      return;
    }
    const step = this.flow.steps[index]!;
    const request = this.request(step);
    if (!request) {
      const reason = 'a variable it uses has no value';
      this.onEnd({ kind: 'failed', step: step.step, errorClass: 'extract', reason, endedAt: performance.now() });
      return;
    }
    const sentAt = performance.now();
    this.host.transport.send(
      request,
      (outcome) => this.received(index, request, dueAt, sentAt, outcome),
      this.identity.lane,
    );
  }

  private request(step: StepPlan): WireRequest | undefined {
    const path = renderTemplate(step.path, this.ctx);
    if (path === undefined) return undefined;
    const headers: Record<string, string> = { ...step.headers };
    for (const [name, template] of step.headerTemplates) {
      const value = renderTemplate(template, this.ctx);
      if (value === undefined) return undefined;
      headers[name] = value;
    }
    const cookie = this.jar.header(this.target(step, path));
    if (cookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
    if (this.csrf) {
      const csrf = this.csrf.headers(step.method, step.origin, this.referer);
      for (const name in csrf) headers[name] = csrf[name]!;
    }
    const request: Mutable<WireRequest> = {
      origin: step.origin,
      method: step.method,
      path,
      headers,
      keepBody: step.keepBody,
      keepHeaders: step.keepHeaders,
      once: true,
    };
    if (!step.body) return request;
    // A property set after the literal: spreading a conditional object is V8's slow generic clone.
    const body = renderTemplate(step.body, this.ctx);
    if (body === undefined) return undefined;
    request.body = body;
    return request;
  }

  private target(step: StepPlan, path: string): CookieTarget {
    const query = path.indexOf('?');
    return { protocol: step.protocol, hostname: step.hostname, pathname: query < 0 ? path : path.slice(0, query) };
  }

  private received(index: number, request: WireRequest, dueAt: number, sentAt: number, outcome: Outcome): void {
    const step = this.flow.steps[index]!;
    const url = step.origin + request.path;
    const target = this.target(step, request.path);
    const set = outcome.error ? NOTHING : this.jar.store(target, setCookies(outcome));
    let text: string | undefined;
    let decoded = false;
    const body = (): string | undefined => {
      if (!decoded) [text, decoded] = [bodyText(outcome), true];
      return text;
    };
    let verdict = judgeStep(step.expect, outcome, body);
    const extracted: [string, string][] = [];
    if (!verdict.errorClass) {
      for (const extractor of step.extract) {
        const value = extract(extractor, {
          headers: outcome.headers ?? {},
          body: body(),
          cookie: (n) => this.jar.get(n, target),
        });
        if (value === undefined) {
          verdict = {
            errorClass: 'extract',
            reason: `${extractor.name}: no ${extractor.kind} ${extractor.source} in the response`,
          };
          break;
        }
        extracted.push([extractor.name, value]);
        this.vars.set(extractor.name, value);
      }
    }
    if (this.csrf && !outcome.error)
      this.csrf.observe(set.get(CSRF_COOKIE) || undefined, isHtml(outcome) ? body() : undefined);
    if (step.method === 'GET') this.referer = url;
    this.host.record(step, dueAt, outcome, verdict.errorClass);
    this.host.observe?.({
      flow: this.flow,
      step,
      request,
      outcome,
      ms: performance.now() - sentAt,
      errorClass: verdict.errorClass,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      body: body(),
      extracted,
      render: this.ctx,
    });
    const endedAt = performance.now();
    const { errorClass, reason } = verdict;
    if (errorClass) this.onEnd({ kind: 'failed', step: step.step, errorClass, reason, endedAt });
    else if (index + 1 < this.flow.steps.length) this.next(index + 1);
    else this.onEnd({ kind: 'completed', endedAt });
  }
}

const NOTHING: ReadonlyMap<string, string> = new Map();

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function setCookies(outcome: Outcome): string[] | undefined {
  const raw = outcome.headers?.['set-cookie'];
  return raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
}

function isHtml(outcome: Outcome): boolean {
  const type = outcome.headers?.['content-type'];
  return typeof type === 'string' && type.includes('html');
}
