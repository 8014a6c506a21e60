/** What `run` prints and which exit code it returns, given a finished RunResult. */
import type { Config } from '../config/schema.js';
import type { RunResult } from '../result/run-result.js';
import { EXIT } from '../errors.js';
import { renderReport, terminalColor, isGithubActions, renderGithubAnnotations } from '../report/index.js';
import { exitCodeFor } from '../audit/index.js';

export function renderRunOutput(
  result: RunResult,
  config: Config,
  stream: NodeJS.WriteStream = process.stdout,
): string {
  const toFile = config.report_out !== undefined;
  const report = renderReport(result, config.format, {
    color: !toFile && terminalColor(process.env, Boolean(stream.isTTY)),
    width: stream.columns,
    failOn: config.fail_on,
  });
  return report.endsWith('\n') ? report : `${report}\n`;
}

/** GitHub Actions annotations go to stdout beside the report when running in Actions. */
export function annotations(result: RunResult): string {
  return isGithubActions() ? renderGithubAnnotations(result) : '';
}

export function runExitCode(result: RunResult, config: Config): number {
  if (result.stop_reason?.startsWith('aborted')) return EXIT.gate;
  return exitCodeFor(result.gates, result.findings, config.fail_on);
}
