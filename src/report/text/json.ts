/**
 * `--format json`: the report as one JSON document for scripts — verdict, run figures, per-endpoint summaries,
 * score, gates and findings. The full run (histograms, timeline, source series) is run.json (`--out`).
 */
import type { RunResult } from '../../result/run-result.js';

export const REPORT_KIND = 'scale-audit-report';

export function renderJson(result: RunResult): string {
  const report = {
    kind: REPORT_KIND,
    version: result.version,
    tool: result.tool,
    started_at: result.started_at,
    target: result.plan.target,
    model: result.plan.model,
    partial: result.partial,
    ...(result.stop_reason !== undefined ? { stop_reason: result.stop_reason } : {}),
    duration_s: result.duration_s,
    passed: result.gates.every((g) => g.passed),
    summary: result.summary,
    endpoints: Object.fromEntries(
      Object.values(result.endpoints).map((ep) => [
        ep.name,
        { method: ep.method, path: ep.path, weight: ep.weight, summary: ep.summary },
      ]),
    ),
    generator: result.generator,
    score: result.score,
    gates: result.gates,
    findings: result.findings,
    ...(result.capacity ? { capacity: result.capacity } : {}),
    ...(result.drill
      ? {
          drill: {
            degradation: result.drill.degradation,
            recovery_s: result.drill.recovery_s,
            summary: result.drill.summary,
          },
        }
      : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
