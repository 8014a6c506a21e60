/** What the session SCAN covered, in a finding's words: "SCAN *django.contrib.sessions.cache* over all 3,025 keys". */
import type { SessionScan } from '../src/result/evidence.js';
import { formatNumber } from '../src/util/format.js';

export function scanCoverage(scan: SessionScan): string {
  const where = scan.redis ? ` of ${scan.redis}` : '';
  const total = scan.db_keys !== undefined ? formatNumber(scan.db_keys, 0) : '?';
  if (scan.complete) return `SCAN ${scan.pattern} over all ${total} keys${where}`;
  const limit = scan.stopped_by === 'max_time' ? 'sources.sessions.max_time' : 'sources.sessions.max_scan';
  const walked = formatNumber(scan.keys_scanned ?? 0, 0);
  return `SCAN ${scan.pattern} over the first ${walked} of ${total} keys${where} (stopped by ${limit})`;
}
