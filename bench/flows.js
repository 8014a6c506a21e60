#!/usr/bin/env node
// npm run bench:flows — what flows cost over plain requests (never asserted in tests):
//   1. closed-model maximum throughput of a 4-step flow (login page, login, add to cart, order page: cookies,
//      CSRF token, a form and a JSON body, a templated path) as a ratio to the same 4 requests sent as plain
//      endpoints, alternating runs;
//   2. peak RSS after ~10,000 and ~100,000 iterations (flat: per-iteration state is dropped as it ends).
// Options (env): BENCH_SECONDS (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_RSS=0 to skip part 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'scale-audit.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const work = mkdtempSync(join(tmpdir(), 'scale-audit-bench-flows-'));

const STEPS = [
  { name: 'page', path: '/login/' },
  { name: 'login', method: 'POST', path: '/login/', form: { username: 'u{{vu}}', password: 'secret' } },
  { name: 'add', method: 'POST', path: '/cart/', json: { product_id: 7, quantity: 2 } },
  { name: 'order', path: '/order/{{iteration}}/' },
];

function startTarget() {
  const child = spawn(process.execPath, [join(root, 'bench', 'flow-target.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, url: `http://127.0.0.1:${JSON.parse(line).port}` }),
    );
  });
}

function config(url, kind, seconds) {
  const load = { connections: CONNECTIONS, duration: `${seconds}s` };
  if (kind === 'flow') return { target: url, flows: [{ name: 'buy', csrf: 'django', steps: STEPS }], load };
  // The same requests with the same headers a logged-in user sends (cookies, CSRF token, Origin, Referer), so the
  // target does the same work for both and the difference is what flows cost the generator.
  const session = { Cookie: `csrftoken=${'b'.repeat(32)}; sessionid=${'s'.repeat(32)}` };
  const unsafe = { ...session, 'X-CSRFToken': 'b'.repeat(32), Origin: url, Referer: `${url}/login/` };
  const endpoints = STEPS.map(({ name, method, path, form, json }) => ({
    name,
    method,
    headers: method === 'POST' ? unsafe : session,
    path: path.replace(/\{\{\w+\}\}/g, '1'),
    ...(form ? { body: new URLSearchParams(form).toString().replace(/%7B%7B\w+%7D%7D/g, '1') } : {}),
    ...(json ? { json } : {}),
  }));
  return { target: url, endpoints, load };
}

/** Runs scale-audit on a config, sampling its peak RSS from /proc (VmHWM) just before it exits. */
function scaleAudit(url, kind, seconds = SECONDS) {
  const file = join(work, `${kind}-${Date.now()}.json`);
  const out = join(work, `run-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(config(url, kind, seconds)));
  const args = [BIN, 'run', '--config', file, '--workers', '1', '--out', out, '--quiet', '--format', 'json'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
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
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearInterval(sample);
      if (code !== 0 && code !== 1) return reject(new Error(`scale-audit exited ${code}: ${err}`));
      const result = JSON.parse(readFileSync(out, 'utf8'));
      resolve({
        rps: result.summary.requests / result.duration_s,
        // CPU per request is steadier than req/s on a machine other processes share.
        cpuUs: (result.generator.cpu_ratio * result.duration_s * 1e6) / result.summary.requests,
        errors: result.summary.errors,
        iterations: result.flows?.buy?.completed ?? 0,
        peakMb: peakKb / 1024,
      });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function ratio(url) {
  console.log(
    `\n## 4-step flow vs the same 4 requests as plain endpoints: ${CONNECTIONS} users, ${SECONDS}s, ${ROUNDS} rounds`,
  );
  const rows = { plain: [], flow: [] };
  const cpu = { plain: [], flow: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ['plain', 'flow']) {
      const r = await scaleAudit(url, kind);
      if (r.errors) console.warn(`  (${kind} run had ${r.errors} errors)`);
      rows[kind].push(r.rps);
      cpu[kind].push(r.cpuUs);
    }
  }
  for (const [name, xs] of Object.entries(rows))
    console.log(
      `  ${name.padEnd(6)} median ${median(xs).toFixed(0).padStart(7)} req/s  ` +
        `(${xs.map((x) => x.toFixed(0)).join(', ')})` +
        `  generator CPU ${median(cpu[name]).toFixed(1)} µs/request`,
    );
  console.log(`  flow ÷ plain: ${(median(rows.flow) / median(rows.plain)).toFixed(2)}x req/s (goal ≥ 0.8)`);
  console.log(`  plain ÷ flow generator CPU per request: ${(median(cpu.plain) / median(cpu.flow)).toFixed(2)}x`);
  return median(rows.flow) / 4;
}

async function memory(url, iterationsPerSecond) {
  console.log('\n## Peak RSS of scale-audit running the flow (closed model, 1 worker)');
  for (const target of [10_000, 100_000]) {
    const seconds = Math.max(3, Math.ceil(target / iterationsPerSecond));
    const r = await scaleAudit(url, 'flow', seconds);
    console.log(`  ${r.iterations.toLocaleString('en')} iterations in ${seconds}s: peak RSS ${r.peakMb.toFixed(0)} MB`);
  }
}

const { child, url } = await startTarget();
try {
  const perSecond = await ratio(url);
  if (process.env.BENCH_RSS !== '0') await memory(url, perSecond);
} finally {
  child.kill('SIGTERM');
}
