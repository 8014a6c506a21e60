#!/usr/bin/env node
// npm run bench:edge — the cost of EdgeRecorder.observe() on the hot path (every response's headers), as µs per
// call over BENCH_CALLS (200,000) calls, median of BENCH_ROUNDS (5) rounds. The goal is about a microsecond
// (memoized header parsing); measured here, never asserted in a test, and printed with the load average beside it.
import { loadavg } from 'node:os';
import { EdgeRecorder } from '../dist/src/edge/edge-recorder.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const headers = {
  'cache-control': 'public, max-age=60',
  'x-cache': 'Hit from cloudfront',
  'content-encoding': 'br',
  vary: 'Accept-Encoding',
  'set-cookie': ['csrftoken=abc; Path=/'],
  etag: '"1"',
  'x-request-id': 'abc',
};

function round() {
  const recorder = new EdgeRecorder();
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) recorder.observe('home', 200, headers, 1234);
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS;
}

const perCall = Array.from({ length: ROUNDS }, round).sort((a, b) => a - b);
const median = perCall[Math.floor(ROUNDS / 2)];
console.log('| figure | value |\n| --- | --- |');
console.log(`| EdgeRecorder.observe(), µs per call (median of ${ROUNDS} × ${CALLS}) | ${median.toFixed(2)} |`);
console.log(`| load average (1 min) | ${loadavg()[0].toFixed(2)} |`);
