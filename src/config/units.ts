/** Parsing of the human units used in config files and flags: durations ("1m30s", "250ms") and ratios ("1%"). */

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|us|µs|s|m|h)/g;
const UNIT_MS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds for "30s", "1m30s", "250ms"; a bare number is read in `bareUnit`. Returns undefined when
 * unparseable.
 */
export function parseDuration(input: string | number, bareUnit: 's' | 'ms' = 's'): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input * UNIT_MS[bareUnit]! : undefined;
  const text = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return parseDuration(Number(text), bareUnit);
  let total = 0;
  let consumed = '';
  for (const match of text.matchAll(DURATION_PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0];
  }
  return consumed.length > 0 && consumed === text.replace(/\s+/g, '') ? total : undefined;
}

/** A ratio 0–1 from "1%", "0.5 %" or a bare number (≤ 1 is a ratio, > 1 a percentage). */
export function parseRatio(input: string | number): number | undefined {
  if (typeof input === 'number')
    return Number.isFinite(input) && input >= 0 ? (input > 1 ? input / 100 : input) : undefined;
  const text = input.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  return /^\d+(\.\d+)?$/.test(text) ? parseRatio(Number(text)) : undefined;
}
