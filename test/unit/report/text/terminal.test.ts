import { describe, expect, it } from 'vitest';
import { renderTerminal, terminalColor } from '../../../../src/report/text/terminal.js';
import { makeRunResult } from '../../../support/fixtures.js';
import { auditedRun } from '../report-fixture.js';

const ANSI = /\u001b\[\d+(;\d+)*m/;

describe('renderTerminal', () => {
  const run = auditedRun();

  it('shows the run summary, the endpoints, the score with findings by category, and the gates', () => {
    const text = renderTerminal(run);
    expect(text).toMatch(/Throughput\s*│\s*50 req\/s of 50 target \(100%\)/);
    expect(text).toMatch(/corrected \(from intended send\)/);
    expect(text).toMatch(/service time/);
    expect(text).toMatch(/│ home \(GET \/\)\s*│\s*400 │/);
    expect(text).toContain(`Score ${Math.round(run.score.overall!)}/100`);
    expect(text.indexOf('SLO — ')).toBeLessThan(text.indexOf('Database — '));
    expect(text).toMatch(/FAIL │ db\.queries-per-request/);
    expect(text).toMatch(/→ cut queries/);
    expect(text).toMatch(/FAIL │ budget\.queries_per_request\s*│ 14\s*│ ≤ 10/);
    expect(text).toContain(`✖ ${run.gates.filter((g) => !g.passed).length} of ${run.gates.length} gates failed`);
  });

  it('has no colour codes unless asked, and colours when asked', () => {
    expect(renderTerminal(run)).not.toMatch(ANSI);
    // The fixture's endpoint name carries a BEL; a cookie name from the target could carry ESC sequences.
    expect(renderTerminal(run)).not.toMatch(/[\u0007\u001b]/);
    expect(renderTerminal(run, { color: true })).toMatch(ANSI);
  });

  it('warns that the generator lagged and that a run was partial', () => {
    const text = renderTerminal(
      makeRunResult({ generator: { lagged: true, reason: 'requests left 40 ms late (p99)' }, partial: true }),
    );
    expect(text).toMatch(/the load generator lagged: requests left 40 ms late \(p99\)/);
    expect(text).toMatch(/PARTIAL RUN/);
  });

  it('lists errors by class with the failing statuses', () => {
    const errored = makeRunResult({
      endpoints: [
        {
          name: 'home',
          path: '/',
          rps: 10,
          latency: () => 10,
          error: (_t, i) => (i === 0 ? { class: 'http', status: 502 } : i === 1 ? { class: 'timeout' } : null),
        },
      ],
    });
    expect(renderTerminal(errored)).toContain('20% (20): http 10 (502×10), timeout 10');
  });
});

describe('terminalColor', () => {
  it('honours NO_COLOR, FORCE_COLOR and the TTY', () => {
    expect(terminalColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(terminalColor({}, true)).toBe(true);
    expect(terminalColor({}, false)).toBe(false);
    expect(terminalColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(terminalColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(terminalColor({ TERM: 'dumb' }, true)).toBe(false);
  });
});
