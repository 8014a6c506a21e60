/** What a command that produced a RunResult prints, writes and returns: the report, annotations, the exit code. */
import type { Config } from '../config/schema.js';
import type { FailOn, ReportFormat } from '../config/choices.js';
import type { RunResult } from '../result/run-result.js';
import { EXIT } from '../errors.js';
import { renderReport, terminalColor, isGithubActions, renderGithubAnnotations } from '../report/index.js';
import { exitCodeFor } from '../audit/index.js';
import { writeFileAtomic } from '../result/write-result.js';

export interface ReportDelivery {
  format: ReportFormat;
  /** Write the report to this file instead of stdout. */
  reportOut?: string;
  failOn: FailOn;
  /** Whether the report goes to stdout when it is not written to a file. */
  print: boolean;
  stream?: NodeJS.WriteStream;
}

/**
 * Renders the report, writes it to `reportOut` or the stream, adds GitHub annotations on stderr (stdout stays
 * parseable), and returns the gate exit code.
 */
export function deliverReport(result: RunResult, d: ReportDelivery): 0 | 1 {
  const stream = d.stream ?? process.stdout;
  const toFile = d.reportOut !== undefined;
  const text = renderReport(result, d.format, {
    failOn: d.failOn,
    color: !toFile && d.format === 'terminal' && terminalColor(process.env, Boolean(stream.isTTY)),
    width: stream.columns ?? 100,
  });
  const report = text.endsWith('\n') ? text : `${text}\n`;
  if (d.reportOut !== undefined) writeFileAtomic(d.reportOut, report);
  else if (d.print) stream.write(report);
  if (isGithubActions()) process.stderr.write(renderGithubAnnotations(result));
  return exitCodeFor(result.gates, result.findings, d.failOn);
}

/** `run`: an aborted load fails like a gate, whatever the gates say. */
export function deliverRunReport(result: RunResult, config: Config, quiet: boolean): number {
  const code = deliverReport(result, {
    format: config.format,
    reportOut: config.report_out,
    failOn: config.fail_on,
    print: !quiet || config.format !== 'terminal',
  });
  return result.stop_reason?.startsWith('aborted') ? EXIT.gate : code;
}
