/**
 * The bounded SCAN for session keys: COUNT keys a call, stopped after `max_scan` keys or `max_time`, whichever comes
 * first, so a large keyspace never holds the run. What it covered is kept beside what it found.
 */
import type { SessionScan } from '../../result/evidence.js';

export type { SessionScan };

/** One SCAN call: the next cursor and the keys of this batch that matched. */
export type ScanCall = (cursor: string, count: number) => Promise<[string, string[]]>;

export interface SessionScanLimits {
  pattern: string;
  max_scan: number;
  /** ms */
  max_time: number;
}

const COUNT = 1000;

export async function scanSessions(
  scan: ScanCall,
  limits: SessionScanLimits,
  dbKeys: number,
  now: () => number,
): Promise<SessionScan> {
  const count = Math.max(1, Math.min(COUNT, limits.max_scan));
  const deadline = now() + limits.max_time;
  const keys = new Set<string>();
  let cursor = '0';
  let walked = 0;
  let stoppedBy: SessionScan['stopped_by'];
  do {
    const [next, found] = await scan(cursor, count);
    for (const key of found) keys.add(key);
    cursor = next;
    walked += count;
    if (cursor !== '0' && walked >= limits.max_scan) stoppedBy = 'max_scan';
    else if (cursor !== '0' && now() >= deadline) stoppedBy = 'max_time';
  } while (cursor !== '0' && !stoppedBy);
  const complete = cursor === '0';
  return {
    pattern: limits.pattern,
    found: keys.size,
    complete,
    keys_scanned: complete ? dbKeys : Math.min(walked, dbKeys),
    db_keys: dbKeys,
    ...(stoppedBy ? { stopped_by: stoppedBy } : {}),
  };
}
