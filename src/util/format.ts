/** Formatting of figures by unit: the one place every report, rule, gate, drill line and the live line use. */
export type ValueUnit =
  | 'ms'
  | 'req/s'
  | 'iterations/s'
  | 'ratio'
  | 'queries'
  | 'blocks'
  | 'bytes'
  | 's'
  | 'messages'
  | 'points'
  | 'count';

const trim = (x: number, digits: number): string => {
  const s = x.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 10_000) return `${trim(ms / 1000, 1)} s`;
  if (Math.abs(ms) >= 100) return `${trim(ms, 0)} ms`;
  return `${trim(ms, Math.abs(ms) >= 10 ? 1 : 2)} ms`;
}

export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${trim(ratio * 100, digits)}%`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${bytes < 0 ? '-' : ''}${trim(v, i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatNumber(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 1e6) return `${trim(x / 1e6, 2)}M`;
  if (Math.abs(x) >= 10_000) return Math.round(x).toLocaleString('en-US');
  return trim(x, Math.abs(x) >= 100 ? 0 : digits);
}

export function formatValue(value: number | null | undefined, unit: ValueUnit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'ratio':
      return formatPercent(value, Math.abs(value) < 0.01 && value !== 0 ? 2 : 1);
    case 'bytes':
      return formatBytes(value);
    case 's':
      return `${formatNumber(value, 2)} s`;
    case 'req/s':
    case 'iterations/s':
      return `${formatNumber(value, 1)} ${unit}`;
    case 'points':
      return formatNumber(value, 0);
    default:
      return formatNumber(value, 2);
  }
}

/** A signed change in the figure's unit: "+12 ms", "−0.4 pp", "+3 points". */
export function formatDelta(delta: number | null, unit: ValueUnit): string {
  if (delta === null || Number.isNaN(delta)) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const magnitude = Math.abs(delta);
  if (unit === 'ratio') return `${sign}${trim(magnitude * 100, 2)} pp`;
  return `${sign}${formatValue(magnitude, unit)}`;
}

export function formatRelative(relative: number | null): string {
  if (relative === null || !Number.isFinite(relative)) return '';
  const sign = relative > 0 ? '+' : relative < 0 ? '−' : '±';
  return `${sign}${trim(Math.abs(relative) * 100, 1)}%`;
}

/** Compact durations for plans and the live line: "250µs", "12.5ms", "1.5s", "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 s'; // none at all, not a measured 0µs
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${Number(ms.toFixed(ms < 10 ? 2 : 1))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${m}m${s}s` : `${m}m`;
}

/** One scale and suffix for an axis: ms until 10 s, then s; percentages; bytes in the unit of the largest. */
function tickScale(max: number, unit: ValueUnit): { scale: number; suffix: string } {
  if (unit === 'ms') return max >= 10_000 ? { scale: 1000, suffix: ' s' } : { scale: 1, suffix: ' ms' };
  if (unit === 'ratio') return { scale: 0.01, suffix: '%' };
  if (unit === 's' || unit === 'req/s' || unit === 'iterations/s') return { scale: 1, suffix: ` ${unit}` };
  if (unit === 'bytes') {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    const i = Math.min(units.length - 1, Math.max(0, Math.floor(Math.log(Math.max(max, 1)) / Math.log(1024))));
    return { scale: 1024 ** i, suffix: ` ${units[i]}` };
  }
  return max >= 1e6 ? { scale: 1e6, suffix: 'M' } : { scale: 1, suffix: '' };
}

const MAX_TICK_DECIMALS = 6;

/**
 * A chart axis's tick labels in the figure's unit: one scale for the whole axis and the fewest decimals that write
 * every tick exactly, so no two labels are the same ("0 s, 0.1 s, 0.2 s", never "0 s, 0 s, 0 s").
 */
export function formatTicks(values: readonly number[], unit: ValueUnit): string[] {
  const { scale, suffix } = tickScale(Math.max(0, ...values.map(Math.abs)), unit);
  const label = (v: number, digits: number): string =>
    `${(v / scale).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${suffix}`;
  const scaled = values.map((v) => v / scale);
  const spread = Math.max(...scaled) - Math.min(...scaled) || 1;
  const exact = (digits: number): boolean =>
    scaled.every((v) => Math.abs(Number(v.toFixed(digits)) - v) <= spread * 1e-6);
  for (let digits = 0; digits < MAX_TICK_DECIMALS; digits++) {
    const labels = values.map((v) => label(v, digits));
    if (new Set(labels).size === labels.length && exact(digits)) return labels;
  }
  return values.map((v) => label(v, MAX_TICK_DECIMALS));
}
