// `npm run bench:compare`: how often `compare` raises a false alarm on two runs of the same server, and how
// often it detects a true +25 % service-time shift. Two loopback targets (log-normal service time, median
// 10 ms; the second 1.25× slower); N + 1 runs of the first make N same-server pairs (each run with the next),
// N runs of the second against the first N make N shifted pairs.
// Usage: node bench/compare.js [--pairs 20] [--durations 4s,30s] [--rate 50]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '20' },
    durations: { type: 'string', default: '4s,30s' },
    rate: { type: 'string', default: '50' },
  },
});
const PAIRS = Number(values.pairs);
const CLI = new URL('../bin/scale-audit.js', import.meta.url).pathname;
const TARGET = new URL('./compare-target.js', import.meta.url).pathname;
const GATES = ['latency.p95', 'latency.p99', 'success_rps', 'error_rate'];
const dir = mkdtempSync(join(tmpdir(), 'scale-audit-bench-compare-'));

async function startTarget(scale) {
  const child = spawn(process.execPath, [TARGET], { env: { ...process.env, SCALE: String(scale) } });
  const [line] = await once(child.stdout, 'data');
  return { child, url: `http://127.0.0.1:${JSON.parse(String(line)).port}` };
}

let counter = 0;
function run(url, duration) {
  const out = join(dir, `run-${counter++}.json`);
  const args = ['run', '--target', url, '--path', '/work', '--rate', values.rate, '--duration', duration];
  execFileSync(process.execPath, [CLI, ...args, '--warmup', '1s', '--out', out, '--quiet', '--no-history'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

function verdicts(before, after) {
  const json = execFileSync(process.execPath, [CLI, 'compare', before, after, '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const c = JSON.parse(String(json));
  const v = Object.fromEntries(c.figures.map((f) => [f.id, f.verdict]));
  return { ...v, lagged: c.before.generator_lagged || c.after.generator_lagged };
}

/** Which gate figures raised the alarms, e.g. "latency.p95 ×2". */
function alarmsBy(pairs) {
  const counts = {};
  for (const v of pairs) for (const id of GATES) if (v[id] === 'regressed') counts[id] = (counts[id] ?? 0) + 1;
  return (
    Object.entries(counts)
      .map(([id, n]) => `${id} ×${n}`)
      .join(', ') || 'none'
  );
}

const share = (xs, test) => xs.filter(test).length / xs.length;
const pct = (x) => `${(x * 100).toFixed(1)} %`;

const same = await startTarget(1);
const slow = await startTarget(1.25);
try {
  for (const duration of values.durations.split(',')) {
    const base = Array.from({ length: PAIRS + 1 }, () => run(same.url, duration));
    const shifted = Array.from({ length: PAIRS }, () => run(slow.url, duration));
    const nulls = base.slice(1).map((after, i) => verdicts(base[i], after));
    const shifts = shifted.map((after, i) => verdicts(base[i], after));
    const alarms = share(nulls, (v) => GATES.some((id) => v[id] === 'regressed'));
    const detected = share(shifts, (v) => v['latency.p95'] === 'regressed');
    const inconclusive = share(shifts, (v) => v['latency.p95'] === 'inconclusive');
    console.log(
      `${duration} at ${values.rate} req/s: false alarms ${pct(alarms)} of ${PAIRS} same-server pairs (any gate ` +
        `figure regressed); +25 % shift: p95 regressed in ${pct(detected)}, inconclusive in ${pct(inconclusive)} ` +
        `of ${PAIRS} pairs`,
    );
    const lagged = share([...nulls, ...shifts], (v) => v.lagged);
    console.log(`  alarms by figure: ${alarmsBy(nulls)}; pairs with a lagging generator: ${pct(lagged)}`);
  }
} finally {
  same.child.kill('SIGTERM');
  slow.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
