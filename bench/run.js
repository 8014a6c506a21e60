#!/usr/bin/env node
// npm run bench — throughput and memory, measured side by side against peers (never asserted in tests).
//   1. closed-model maximum throughput against one local target, alternating scale-audit, autocannon and
//      wrk (when installed), printed as ratios to autocannon;
//   2. peak RSS of scale-audit for runs of ~200k and ~2M requests (flat memory: histograms, not samples).
// Options (env): BENCH_SECONDS (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_RSS=0 to skip part 2,
// BENCH_WORKERS (comma list, default "1") to also compare worker threads: scale-audit gets --workers N, autocannon
// -w N and wrk -t N (with 1, scale-audit and autocannon both run on their main thread), and the throughput of each
// worker count is printed as a ratio to the first one.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'scale-audit.js');
const AUTOCANNON = join(root, 'node_modules', 'autocannon', 'autocannon.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WORKERS = (process.env.BENCH_WORKERS ?? '1').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'scale-audit-bench-'));

function startTarget() {
  const child = spawn(process.execPath, [join(root, 'bench', 'target.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, url: `http://127.0.0.1:${JSON.parse(line).port}` }),
    );
  });
}

/** Runs a command, sampling its peak RSS from /proc (VmHWM) just before it exits. */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let out = '';
    let err = '';
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        /* exited */
      }
    }, 200);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} exited ${code}: ${err}`));
      else resolve({ out, err, peakMb: peakKb / 1024 });
    });
  });
}

async function scaleAudit(url, { seconds = SECONDS, workers = 1, connections = CONNECTIONS } = {}) {
  const out = join(work, `sa-${Date.now()}.json`);
  const r = await run(process.execPath, [
    BIN,
    'run',
    '--target',
    `${url}/`,
    '--connections',
    String(connections),
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
  if (result.plan.workers !== workers)
    console.warn(`  (scale-audit ran ${result.plan.workers} worker(s), not the ${workers} asked for)`);
  return { rps: result.summary.requests / seconds, requests: result.summary.requests, peakMb: r.peakMb };
}

async function autocannon(url, workers = 1) {
  const args = [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(SECONDS), '--json'];
  if (workers > 1) args.push('-w', String(workers));
  const r = await run(process.execPath, [...args, `${url}/`]);
  const json = JSON.parse(r.out);
  return { rps: json.requests.total / SECONDS };
}

async function wrk(url, threads = 1) {
  const r = await run('wrk', [`-t${threads}`, `-c${CONNECTIONS}`, `-d${SECONDS}s`, `${url}/`]);
  const m = /Requests\/sec:\s+([\d.]+)/.exec(r.out);
  return { rps: Number(m?.[1] ?? 0) };
}

const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return e.status === 1; // wrk --version exits 1 but exists
  }
})();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function throughput(url) {
  console.log(
    `\n## Closed-model maximum throughput: ${CONNECTIONS} connections, ${SECONDS}s per run, ${ROUNDS} ` +
      `alternating rounds`,
  );
  const medians = {};
  for (const workers of WORKERS) {
    const rows = { 'scale-audit': [], autocannon: [], ...(hasWrk ? { wrk: [] } : {}) };
    for (let round = 0; round < ROUNDS; round++) {
      rows['scale-audit'].push((await scaleAudit(url, { workers })).rps);
      rows.autocannon.push((await autocannon(url, workers)).rps);
      if (rows.wrk) rows.wrk.push((await wrk(url, workers)).rps);
    }
    const base = median(rows.autocannon);
    console.log(`\nworkers: ${workers}`);
    for (const [name, xs] of Object.entries(rows)) {
      (medians[name] ??= []).push(median(xs));
      console.log(
        `  ${name.padEnd(12)} median ${median(xs).toFixed(0).padStart(7)} req/s  ` +
          `(${xs.map((x) => x.toFixed(0)).join(', ')})  ratio to autocannon ${(median(xs) / base).toFixed(2)}x`,
      );
    }
  }
  if (WORKERS.length > 1) {
    console.log(
      `\nscaling with workers (median throughput ÷ that with ${WORKERS[0]} worker${WORKERS[0] > 1 ? 's' : ''})`,
    );
    for (const [name, xs] of Object.entries(medians)) {
      console.log(`  ${name.padEnd(12)} ${WORKERS.map((w, i) => `${w}: ${(xs[i] / xs[0]).toFixed(2)}x`).join('  ')}`);
    }
  }
}

async function memory(url) {
  console.log('\n## Peak RSS of scale-audit (closed model, 1 worker)');
  const probe = await scaleAudit(url, { seconds: 3 });
  for (const target of [200_000, 2_000_000]) {
    const seconds = Math.max(5, Math.ceil(target / probe.rps));
    const r = await scaleAudit(url, { seconds });
    console.log(`  ${r.requests.toLocaleString('en')} requests in ${seconds}s: peak RSS ${r.peakMb.toFixed(0)} MB`);
  }
}

const { child, url } = await startTarget();
try {
  await throughput(url);
  if (process.env.BENCH_RSS !== '0') await memory(url);
} finally {
  child.kill('SIGTERM');
}
