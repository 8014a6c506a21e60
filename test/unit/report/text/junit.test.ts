import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJunit } from '../../../../src/report/text/junit.js';
import { CHECKS } from '../../../../checks/index.js';
import type { RunResult } from '../../../../src/result/run-result.js';
import { auditedRun, NASTY_ENDPOINT } from '../report-fixture.js';

const XSD = join(import.meta.dirname, '../../../support/schemas/junit.xsd');
const dir = mkdtempSync(join(tmpdir(), 'scale-audit-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Testcase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: unknown;
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  '@_errors': string;
  testcase?: Testcase[];
}

function parse(xml: string): Testsuite[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
    parseTagValue: false,
    parseAttributeValue: false,
  });
  return (parser.parse(xml) as { testsuites: { testsuite: Testsuite[] } }).testsuites.testsuite;
}

function xmllint(xml: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noout', '--schema', XSD, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('renderJunit', () => {
  const run: RunResult = auditedRun();
  const xml = renderJunit(run);
  const [gates, checks] = parse(xml);

  it('is valid against the Ant JUnit schema (xmllint)', () => {
    expect(() => xmllint(xml, 'run.xml')).not.toThrow();
    expect(() => xmllint(renderJunit(run, { failOn: 'warn' }), 'warn.xml')).not.toThrow();
  });

  it('has one testcase per gate and per rule, and counts that match the cases', () => {
    expect(gates!['@_name']).toBe('scale-audit.gates');
    expect(gates!.testcase).toHaveLength(run.gates.length);
    expect(checks!.testcase).toHaveLength(CHECKS.length);
    for (const suite of [gates!, checks!]) {
      const cases = suite.testcase ?? [];
      expect(Number(suite['@_tests'])).toBe(cases.length);
      expect(Number(suite['@_failures'])).toBe(cases.filter((c) => c.failure).length);
      expect(Number(suite['@_skipped'])).toBe(cases.filter((c) => c.skipped !== undefined).length);
      expect(suite['@_errors']).toBe('0');
    }
  });

  it(
    'failed gates and failed rules are failures with their message; not-measured rules are skipped; warnings ' + 'pass',
    () => {
      const failedGates = run.gates.filter((g) => !g.passed);
      expect(failedGates.length).toBeGreaterThan(1);
      expect(gates!.testcase!.filter((c) => c.failure).map((c) => c['@_name'])).toEqual(
        failedGates.map((g) => g.id.replace('\u0007', '')),
      );
      const failed = run.findings.filter((f) => f.status === 'fail');
      const warned = run.findings.filter((f) => f.status === 'warn');
      expect(failed.length).toBeGreaterThan(0);
      expect(warned.length).toBeGreaterThan(0);
      expect(Number(checks!['@_failures'])).toBe(failed.length);
      expect(Number(checks!['@_skipped'])).toBe(run.findings.filter((f) => f.status === 'not-measured').length);
      const qpr = checks!.testcase!.find((c) => c['@_name'].startsWith('db.queries-per-request'))!;
      expect(qpr.failure!['@_message']).toBe(run.findings.find((f) => f.id === 'db.queries-per-request')!.message);
      expect(qpr['@_classname']).toBe('scale-audit.checks.database');
    },
  );

  it('--fail-on warn turns warnings into failures too', () => {
    const [, strict] = parse(renderJunit(run, { failOn: 'warn' }));
    expect(Number(strict!['@_failures'])).toBe(
      run.findings.filter((f) => f.status === 'fail' || f.status === 'warn').length,
    );
  });

  it('escapes what came from the target: the endpoint name survives a round trip, minus the control character', () => {
    const gate = gates!.testcase!.find((c) => c['@_name'].startsWith('slo.endpoints.'))!;
    expect(gate['@_name']).toBe(`slo.endpoints.${NASTY_ENDPOINT.replace('\u0007', '')}.p95`);
    expect(gate.failure!['@_message']).toContain('<b>"q"</b> & \'more\'');
    expect(xml).not.toContain('\u0007');
  });
});
