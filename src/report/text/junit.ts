/**
 * JUnit XML for CI test reports (GitHub, GitLab, Jenkins): a <testsuites> with one suite for the gates and one
 * for the checklist. Failed gates and failed rules are <failure>s; not-measured rules are <skipped/>; warnings
 * pass unless --fail-on warn makes them fail the run. Valid against the Ant JUnit schema (windyroad junit.xsd).
 */
import { categoryTitle } from '../../../checks/categories.js';
import type { Finding, Gate, RunResult } from '../../result/run-result.js';
import type { FailOn } from '../../audit/gates.js';
import { gateThreshold, gateValue } from '../run-figures.js';
import { xmlAttr, xmlText } from './xml-escape.js';

export interface JunitOptions {
  failOn?: FailOn;
}

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
}

export function renderJunit(result: RunResult, options: JunitOptions = {}): string {
  const failOn = options.failOn ?? 'gate';
  const timestamp = result.started_at.replace(/\.\d+/, '').replace(/(Z|[+-]\d\d:?\d\d)$/, '');
  const hostname = result.environment.hostname.trim() || 'localhost';
  const properties = [
    ['target', result.plan.target],
    ['model', result.plan.model],
    ['requests', String(result.summary.requests)],
    ['score', result.score.overall === null ? 'not measured' : String(result.score.overall)],
    ['partial', String(result.partial)],
  ];
  const suites = [
    { name: 'scale-audit.gates', cases: result.gates.map(gateCase), out: '' },
    {
      name: 'scale-audit.checks',
      cases: result.findings.map((f) => findingCase(f, failOn)),
      out: result.findings
        .filter((f) => f.status === 'warn')
        .map((f) => `WARN ${f.id}: ${f.message} → ${f.remedy}`)
        .join('\n'),
    },
  ];
  const body = suites
    .map((s, id) => suite(s.name, id, s.cases, s.out, { timestamp, hostname, time: result.duration_s, properties }))
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${body}\n</testsuites>\n`;
}

function gateCase(g: Gate): Case {
  const c: Case = { name: g.id, classname: 'scale-audit.gates' };
  if (!g.passed)
    c.failure = {
      message: g.message ?? `${g.id}: ${gateValue(g)}, threshold ${gateThreshold(g)}`,
      type: 'gate',
      text: `value ${gateValue(g)}, threshold ${gateThreshold(g)}`,
    };
  return c;
}

function findingCase(f: Finding, failOn: FailOn): Case {
  const c: Case = { name: `${f.id}: ${f.title}`, classname: `scale-audit.checks.${f.category}` };
  const fails = f.status === 'fail' || (f.status === 'warn' && failOn === 'warn');
  if (fails)
    c.failure = {
      message: f.message,
      type: f.status,
      text: `${categoryTitle(f.category)} · ${f.id}\n${f.message}\nRemedy: ${f.remedy}`,
    };
  else if (f.status === 'not-measured') c.skipped = `not measured: ${f.message}`;
  return c;
}

function suite(
  name: string,
  id: number,
  cases: Case[],
  out: string,
  meta: { timestamp: string; hostname: string; time: number; properties: string[][] },
): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const attrs =
    `name="${xmlAttr(name)}" package="scale-audit" id="${id}" ` +
    `timestamp="${xmlAttr(meta.timestamp)}" hostname="${xmlAttr(meta.hostname)}" tests="${cases.length}" ` +
    `failures="${failures}" errors="0" skipped="${skipped}" time="${decimal(meta.time)}"`;
  const props = meta.properties
    .map(([k, v]) => `      <property name="${xmlAttr(k!)}" value="${xmlAttr(v!)}"/>`)
    .join('\n');
  return [
    `  <testsuite ${attrs}>`,
    `    <properties>\n${props}\n    </properties>`,
    ...cases.map(testcase),
    `    <system-out>${xmlText(out)}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n');
}

function testcase(c: Case): string {
  const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}" time="0"`;
  if (c.failure)
    return (
      `${open}>\n      <failure message="${xmlAttr(c.failure.message)}" ` +
      `type="${xmlAttr(c.failure.type)}">${xmlText(c.failure.text)}</failure>\n    </testcase>`
    );
  if (c.skipped !== undefined) return `${open}>\n      <skipped message="${xmlAttr(c.skipped)}"/>\n    </testcase>`;
  return `${open}/>`;
}

const decimal = (n: number): string => (Number.isFinite(n) && n >= 0 ? String(Math.round(n * 1000) / 1000) : '0');
