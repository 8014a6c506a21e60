/** `--out` and `--report-out` on compare and report: two names for the report file; they must agree. */
import { ConfigError } from '../errors.js';

export function reportFile(out: string | undefined, reportOut: string | undefined): string | undefined {
  if (out !== undefined && reportOut !== undefined && out !== reportOut)
    throw new ConfigError(`--out ${out} and --report-out ${reportOut} name different report files: give one`);
  return reportOut ?? out;
}
