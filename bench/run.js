#!/usr/bin/env node
// npm run bench — every goal of the load engine (issue #14), measured side by side with its peers in one run and
// printed as ONE markdown table (never asserted in tests). The target is nginx (`return 200`, one worker); the
// generator and the target are pinned to different cores with taskset when the machine has two or more.
//   - closed model, 50 connections, one worker: req/s of scale-audit, autocannon and wrk (when installed);
//   - generator CPU per request (user + sys from /usr/bin/time), startup excluded by differencing a short and a
//     long run of the same tool: (cpu_long − cpu_short) ÷ (requests_long − requests_short);
//   - open model: CPU at 2,000 req/s; 40,000 req/s held, send-lag p99, lagged; 1,000 req/s never lagged;
//   - two workers against one (closed model); peak RSS at ~2,000,000 requests.
// Every figure is the median of BENCH_ROUNDS alternating rounds (tools interleaved, order rotated per round).
// Options (env): BENCH_SECONDS (6), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_RSS=0 skips the RSS row.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from './nginx.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'scale-audit.js');
const AUTOCANNON = join(root, 'node_modules', 'autocannon', 'autocannon.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SHORT = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const work = mkdtempSync(join(tmpdir(), 'scale-audit-bench-'));
const CORES = cpus().length;
const has = (cmd, args = ['--version']) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch (e) {
    return e.status !== undefined && e.status !== null && e.code !== 'ENOENT'; // exists, exited non-zero
  }
};
const PIN = CORES >= 2 && has('taskset', ['-V']);
const GENERATOR_CORES = PIN ? '0' : undefined;
const TARGET_CORES = PIN ? '1' : undefined;

function ensure(cmd, pkg) {
  if (has(cmd)) return true;
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], { env, stdio: 'ignore' });
  } catch {
    /* not root or no apt: the column says so */
  }
  return has(cmd);
}
const TIME = existsSync('/usr/bin/time') || ensure('/usr/bin/time', 'time');
const WRK = ensure('wrk', 'wrk');

/** Runs a command on the generator's core under /usr/bin/time: output, CPU seconds and peak RSS. */
function run(cmd, args, cores = GENERATOR_CORES) {
  const timed = TIME ? ['/usr/bin/time', ['-f', 'BENCH-RUSAGE %U %S %M', cmd, ...args]] : [cmd, args];
  const [bin, argv] = cores ? ['taskset', ['-c', cores, timed[0], ...timed[1]]] : timed;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /BENCH-RUSAGE ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} exited ${code}: ${err.slice(-2000)}`));
      else
        resolve({ out, err, cpuS: m ? Number(m[1]) + Number(m[2]) : Number.NaN, peakMb: m ? Number(m[3]) / 1024 : 0 });
    });
  });
}

async function scaleAudit(url, { seconds, workers = 1, rate } = {}) {
  const out = join(work, `sa-${Date.now()}.json`);
  // Open model: a warmup second (not measured) lets the JIT compile the hot path before the schedule is judged.
  const load = rate ? ['--rate', String(rate), '--warmup', '1s'] : ['--connections', String(CONNECTIONS)];
  const r = await run(process.execPath, [
    BIN,
    'run',
    '--target',
    `${url}/`,
    ...load,
    '--duration',
    `${seconds}s`,
    '--workers',
    String(workers),
    '--out',
    out,
    '--quiet',
    '--format',
    'json',
  ]);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  return {
    requests: result.summary.requests,
    rps: result.summary.requests / seconds,
    dropped: result.summary.dropped,
    errors: result.summary.errors,
    generator: result.generator,
    cpuS: r.cpuS,
    peakMb: r.peakMb,
  };
}

async function autocannon(url, { seconds, workers = 1, rate } = {}) {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(seconds), '--json'];
  if (workers > 1) args.push('-w', String(workers));
  if (rate) args.push('-R', String(rate));
  const r = await run(process.execPath, [...args, `${url}/`]);
  const total = JSON.parse(r.out).requests.total;
  return { requests: total, rps: total / seconds, cpuS: r.cpuS };
}

async function wrk(url, { seconds, workers = 1 } = {}) {
  const r = await run('wrk', [`-t${workers}`, `-c${CONNECTIONS}`, `-d${seconds}s`, `${url}/`]);
  const requests = Number(/(\d+) requests in/.exec(r.out)?.[1] ?? 0);
  return { requests, rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.out)?.[1] ?? 0), cpuS: r.cpuS };
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : Number.NaN;
};
const rotate = (xs, n) => xs.map((_, i) => xs[(i + n) % xs.length]);
const fmt = (x, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');

/** Closed model: throughput (long run) and CPU per request (long − short) of each tool, per round. */
async function closedModel(url) {
  const tools = { 'scale-audit': scaleAudit, autocannon, ...(WRK ? { wrk } : {}) };
  const rps = {};
  const usPerRequest = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of rotate(Object.keys(tools), round)) {
      const short = await tools[name](url, { seconds: SHORT });
      const long = await tools[name](url, { seconds: SECONDS });
      (rps[name] ??= []).push(long.rps);
      (usPerRequest[name] ??= []).push(((long.cpuS - short.cpuS) * 1e6) / (long.requests - short.requests));
    }
  }
  return { rps, usPerRequest };
}

/** Two workers against one, closed model; every tool on the generator's core(s). */
async function workers(url, oneWorker) {
  const tools = { 'scale-audit': scaleAudit, autocannon, ...(WRK ? { wrk } : {}) };
  const two = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of rotate(Object.keys(tools), round)) {
      (two[name] ??= []).push((await tools[name](url, { seconds: SECONDS, workers: 2 })).rps);
    }
  }
  return Object.fromEntries(Object.entries(two).map(([name, xs]) => [name, median(xs) / median(oneWorker[name])]));
}

async function openModel(url) {
  const at2k = { sa: [], ac: [] };
  const at40k = [];
  const at1k = [];
  for (let round = 0; round < ROUNDS; round++) {
    at2k.sa.push((await scaleAudit(url, { seconds: SECONDS, rate: 2000 })).generator.cpu_ratio);
    const short = await autocannon(url, { seconds: SHORT, rate: 2000 });
    const long = await autocannon(url, { seconds: SECONDS, rate: 2000 });
    at2k.ac.push((long.cpuS - short.cpuS) / (SECONDS - SHORT));
    at40k.push(await scaleAudit(url, { seconds: SECONDS, rate: 40_000 }));
    at1k.push(await scaleAudit(url, { seconds: SECONDS, rate: 1000 }));
  }
  return { at2k, at40k, at1k };
}

async function memory(url, rps) {
  const sized = async (target) => {
    const seconds = Math.max(5, Math.ceil((target / rps) * 1.1));
    return scaleAudit(url, { seconds });
  };
  return { small: await sized(200_000), large: await sized(2_000_000) };
}

function row(figure, goal, cells, verdict) {
  return `| ${figure} | ${goal} | ${cells.join(' | ')} | ${verdict} |`;
}

function table(closed, two, open, rss) {
  const ac = median(closed.rps.autocannon);
  const sa = median(closed.rps['scale-audit']);
  const peers = (f) => [f('scale-audit'), f('autocannon'), WRK ? f('wrk') : 'not installed'];
  const ratio = (name) => `${fmt(median(closed.rps[name]))} (${(median(closed.rps[name]) / ac).toFixed(2)}×)`;
  const us = (name) => `${fmt(median(closed.usPerRequest[name]), 1)} µs`;
  const held = open.at40k.map((r) => Math.abs(r.rps / 40_000 - 1));
  const heldMedian = open.at40k[held.indexOf(median(held))];
  const lag = median(open.at40k.map((r) => r.generator.schedule_lag_ms.p99));
  const laggedAt40k = open.at40k.filter((r) => r.generator.lagged).length;
  const laggedAt1k = open.at1k.filter((r) => r.generator.lagged).length;
  const saUs = median(closed.usPerRequest['scale-audit']);
  const lines = [
    '| figure | goal | scale-audit | autocannon | wrk | goal met |',
    '|---|---|---|---|---|---|',
    row(
      `closed model, ${CONNECTIONS} connections, one worker: req/s (× autocannon)`,
      '≥ 1.2×',
      peers(ratio),
      sa / ac >= 1.2 ? 'yes' : 'no',
    ),
    row(
      'generator CPU per request, closed model (user + sys, startup excluded)',
      '≤ 8 µs',
      peers(us),
      saUs <= 8 ? 'yes' : 'no',
    ),
    row(
      'open model, 2,000 req/s: CPU of one core',
      '≤ 20 %',
      [pct(median(open.at2k.sa)), `${pct(median(open.at2k.ac))} (-R 2000)`, '— (no open model)'],
      median(open.at2k.sa) <= 0.2 ? 'yes' : 'no',
    ),
    row(
      'open model, 40,000 req/s: achieved, send-lag p99, lagged (runs lagged / runs), CPU',
      'within 1 %, ≤ 10 ms, false',
      [
        `${fmt(heldMedian.rps)} req/s (${((heldMedian.rps / 40_000 - 1) * 100).toFixed(2)} %), ` +
          `lag p99 ${fmt(lag, 1)} ms, ` +
          `lagged ${laggedAt40k}/${ROUNDS}, CPU ${pct(median(open.at40k.map((r) => r.generator.cpu_ratio)))}`,
        '—',
        '—',
      ],
      median(held) <= 0.01 && lag <= 10 && laggedAt40k === 0 ? 'yes' : 'no',
    ),
    row(
      'open model, 1,000 req/s: runs lagged / runs (send-lag p99)',
      'never lagged',
      [
        `${laggedAt1k}/${ROUNDS} (${fmt(median(open.at1k.map((r) => r.generator.schedule_lag_ms.p99)), 1)} ms)`,
        '—',
        '—',
      ],
      laggedAt1k === 0 ? 'yes' : 'no',
    ),
    row(
      `closed model, two workers ÷ one worker${PIN ? ' (both on the generator core)' : ''}`,
      '≥ 1.8× with spare cores',
      peers((name) => `${two[name].toFixed(2)}×`),
      CORES >= 3 ? (two['scale-audit'] >= 1.8 ? 'yes' : 'no') : `n/a: ${CORES} cores, one is the target's`,
    ),
    rss
      ? row(
          'peak RSS, closed model (requests in the run)',
          '< 200 MB, flat',
          [
            `${fmt(rss.large.peakMb)} MB at ${fmt(rss.large.requests)} (${fmt(rss.small.peakMb)} MB at ` +
              `${fmt(rss.small.requests)})`,
            '—',
            '—',
          ],
          rss.large.peakMb < 200 ? 'yes' : 'no',
        )
      : row('peak RSS', '< 200 MB, flat', ['skipped (BENCH_RSS=0)', '—', '—'], '—'),
  ];
  return lines.join('\n');
}

const nginx = await startNginx(TARGET_CORES);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const started = `load average ${load()}`;
try {
  const closed = await closedModel(nginx.url);
  const oneWorker = Object.fromEntries(Object.entries(closed.rps).map(([k, v]) => [k, [median(v)]]));
  const two = await workers(nginx.url, oneWorker);
  const open = await openModel(nginx.url);
  const rss = process.env.BENCH_RSS === '0' ? undefined : await memory(nginx.url, median(closed.rps['scale-audit']));
  console.log(
    `\n${new Date().toISOString()} · ${CORES} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version} · ` +
      `nginx \`return 200\`, 1 worker${PIN ? `, pinned to core ${TARGET_CORES}` : ''}` +
      `${PIN ? `; generators pinned to core ${GENERATOR_CORES}` : ''}` +
      ` · ${SECONDS} s runs (open model after a 1 s warmup), median of ${ROUNDS} alternating rounds · ` +
      `${started}, at the end ${load()}\n`,
  );
  console.log(table(closed, two, open, rss));
} finally {
  await nginx.stop();
}
