/** The capacity section of the terminal and Markdown reports: the answer, the limits, the step table. Pure. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CapacityResult, CapacityStep } from '../result/run-result.js';
import { formatMs, formatNumber, formatPercent } from '../util/format.js';

export function sloText(slo: CapacityResult['slo']): string {
  const parts = (['p50', 'p90', 'p95', 'p99'] as const).flatMap((p) =>
    slo[p] === undefined ? [] : [`${p} ≤ ${formatMs(slo[p]!)}`],
  );
  if (slo.error_rate !== undefined) parts.push(`errors ≤ ${formatPercent(slo.error_rate, 2)}`);
  return parts.join(' and ') || 'the SLO';
}

/** "max sustainable rate 140 req/s under p95 ≤ 300 ms and errors ≤ 1%; bracket 140–147 (confirmed over 40 s)". */
export function capacityHeadline(c: CapacityResult): string {
  const [lo, hi] = c.bracket;
  const under = `under ${sloText(c.slo)}`;
  const confirmed = c.confirmed
    ? ` (confirmed over ${formatNumber(c.search.confirm_s)} s)`
    : c.search.confirm_s > 0
      ? ' (not confirmed)'
      : '';
  switch (c.status) {
    case 'found':
      return `max sustainable rate ${c.max_rate} req/s ${under}; bracket ${lo}–${hi}${confirmed}`;
    case 'ceiling':
      return `capacity is at least ${c.max_rate} req/s ${under}: ${c.reason}${confirmed}`;
    case 'inconclusive':
      return `inconclusive, not a capacity: ${c.reason}`;
    case 'none':
      return `no sustainable rate ${under}: ${c.reason}`;
    case 'interrupted': {
      const steps = `${c.steps.length} step${c.steps.length === 1 ? '' : 's'}`;
      return `interrupted after ${steps}${lo !== null ? `; ${lo} req/s passed so far` : ''}`;
    }
  }
}

export function uslText(c: CapacityResult): string {
  const u = c.usl;
  if (!u) return 'too few passing steps to fit the Universal Scalability Law';
  if (u.sigma < 0 || u.kappa < 0)
    return `no contention in the passing steps (they scale linearly or better): the USL predicts no peak`;
  if (u.poor) return `fit poor (r² ${formatNumber(u.r2, 2)} over ${u.points} points): not shown`;
  const peak =
    u.peak_rate === null
      ? 'no peak predicted: throughput still linear in concurrency'
      : u.peak_concurrency === null
        ? `throughput levels off near ${formatNumber(u.peak_rate)} req/s`
        : `predicted peak ${formatNumber(u.peak_rate)} req/s at concurrency ${formatNumber(u.peak_concurrency)}`;
  return (
    `σ ${formatNumber(u.sigma, 4)} (contention), κ ${formatNumber(u.kappa, 6)} (coherency); ` +
    `${peak} (r² ${formatNumber(u.r2, 3)})`
  );
}

export function concurrencyText(c: CapacityResult): string {
  if (c.concurrency_at_knee === null) return 'not measured (no passing step)';
  return (
    `${formatNumber(c.concurrency_at_knee)} requests in service at once at the knee ` +
    "(Little's law: rate × mean service time)"
  );
}

const SIGNAL_LABEL: Record<string, (v: number) => string> = {
  'pgbouncer.cl_waiting': (v) => `cl_waiting ${formatNumber(v)}`,
  'postgres.connections': (v) => `pg conns ${formatPercent(v, 0)}`,
  'postgres.db_ms_per_request': (v) => `db ${formatMs(v)}/req`,
  'replica.lag_s': (v) => `lag ${formatNumber(v)} s`,
  'queue.slope': (v) => `queue ${v >= 0 ? '+' : ''}${formatNumber(v, 1)}/s`,
  'redis.evictions': (v) => `evicted ${formatNumber(v)}`,
  'web.shedding': (v) => `429/503 ${formatPercent(v, 1)}`,
  'web.timeouts': (v) => `timeouts ${formatPercent(v, 1)}`,
  'web.queueing': (v) => `queued ${formatMs(v)} p95`,
};

/** The step's key source signals in a few words (zeros left out). */
export function signalsText(step: CapacityStep): string {
  return Object.entries(step.signals)
    .flatMap(([name, v]) =>
      SIGNAL_LABEL[name] && (v !== 0 || name === 'pgbouncer.cl_waiting') ? [SIGNAL_LABEL[name]!(v)] : [],
    )
    .join(', ');
}

export function renderCapacityText(c: CapacityResult, options: { color?: boolean } = {}): string {
  const k = new Chalk({ level: options.color ? 1 : 0 });
  const good = c.status === 'found' || c.status === 'ceiling';
  const lines = [
    k.bold('Capacity'),
    `  ${good ? k.green(capacityHeadline(c)) : k.yellow(capacityHeadline(c))}`,
    ...c.limited_by.map((l, i) => `  ${i === 0 ? 'limited by  ' : '            '} ${l.signal}: ${l.detail}`),
    `  concurrency  ${concurrencyText(c)}`,
    `  USL          ${uslText(c)}`,
    stepTable(c),
  ];
  return `${lines.join('\n')}\n`;
}

function stepTable(c: CapacityResult): string {
  const table = new Table({
    head: ['rate', 'achieved', 'p50', 'p95', 'p99', 'errors', 'signals', 'verdict', 'why'],
    style: { head: [], border: [] },
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, 24, null, 40],
  });
  for (const s of c.steps) table.push(stepRow(s).map(String));
  return table.toString();
}

export function stepRow(s: CapacityStep): (string | number)[] {
  return [
    `${s.rate}${s.confirmation ? ' (hold)' : ''}`,
    formatNumber(s.achieved_rps, 1),
    formatMs(s.p50_ms),
    formatMs(s.p95_ms),
    formatMs(s.p99_ms),
    formatPercent(s.error_rate, 2),
    signalsText(s),
    s.verdict,
    s.reason,
  ];
}

/** The capacity section of the Markdown report (a pull-request comment): the answer, limits, the step table. */
export function renderCapacityMarkdown(c: CapacityResult, md: (text: string) => string): string {
  const rows = c.steps.map(
    (s) =>
      `| ${stepRow(s)
        .map((cell) => md(String(cell)))
        .join(' | ')} |`,
  );
  return [
    '### Capacity',
    '',
    `**${md(capacityHeadline(c))}**`,
    '',
    ...c.limited_by.map((l, i) => `- ${i === 0 ? 'limited by' : 'then'} **${md(l.signal)}**: ${md(l.detail)}`),
    `- concurrency: ${md(concurrencyText(c))}`,
    `- USL: ${md(uslText(c))}`,
    '',
    '| Rate | Achieved | p50 | p95 | p99 | Errors | Signals | Verdict | Why |',
    '|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...rows,
  ].join('\n');
}
