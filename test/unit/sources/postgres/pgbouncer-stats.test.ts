import { describe, expect, it } from 'vitest';
import { poolPeaks, poolTotals, statsDelta, statsTotals } from '../../../../src/sources/postgres/pgbouncer-stats.js';

// Rows as pgbouncer 1.18 returns them to pg (bigint columns of SHOW STATS come back as strings).
const pools = [
  {
    database: 'pgbouncer',
    user: 'pgbouncer',
    cl_active: 1,
    cl_waiting: 0,
    sv_active: 0,
    sv_idle: 0,
    sv_used: 0,
    maxwait: 0,
    maxwait_us: 0,
  },
  {
    database: 'app',
    user: 'web',
    cl_active: 4,
    cl_waiting: 3,
    sv_active: 2,
    sv_idle: 0,
    sv_used: 1,
    maxwait: 1,
    maxwait_us: 250_000,
  },
  {
    database: 'app',
    user: 'worker',
    cl_active: 1,
    cl_waiting: 1,
    sv_active: 1,
    sv_idle: 2,
    sv_used: 0,
    maxwait: 0,
    maxwait_us: 400_000,
  },
  {
    database: 'other',
    user: 'web',
    cl_active: 1,
    cl_waiting: 0,
    sv_active: 1,
    sv_idle: 0,
    sv_used: 0,
    maxwait: 0,
    maxwait_us: 0,
  },
];

describe('poolTotals', () => {
  it('adds up client and server counts, leaves the admin console out and keeps the longest wait', () => {
    expect(poolTotals(pools)).toEqual({
      pools: 3,
      cl_active: 6,
      cl_waiting: 4,
      sv_active: 4,
      sv_idle: 2,
      sv_used: 1,
      maxwait_ms: 1250,
    });
  });

  it('can look at one database only', () => {
    expect(poolTotals(pools, 'other')).toMatchObject({ pools: 1, cl_active: 1, cl_waiting: 0, maxwait_ms: 0 });
  });
});

describe('SHOW STATS', () => {
  const stats = (xacts: string, wait: string) => [
    { database: 'pgbouncer', total_xact_count: '99', total_query_count: '99', total_wait_time: '0' },
    {
      database: 'app',
      total_xact_count: xacts,
      total_query_count: xacts,
      total_received: '10',
      total_sent: '20',
      total_xact_time: '100',
      total_query_time: '90',
      total_wait_time: wait,
    },
  ];

  it('totals the client databases and takes deltas', () => {
    const d = statsDelta(statsTotals(stats('100', '5000')), statsTotals(stats('160', '9000')));
    expect(d.xact_count).toBe(60);
    expect(d.query_count).toBe(60);
    expect(d.wait_time_us).toBe(4000);
    expect(d.sent_bytes).toBe(0);
  });

  it('counts from zero after pgbouncer restarted', () => {
    expect(statsDelta(statsTotals(stats('100', '5000')), statsTotals(stats('7', '1'))).xact_count).toBe(7);
  });
});

describe('poolPeaks', () => {
  it('keeps the worst reading of each gauge', () => {
    const a = poolTotals(pools);
    const b = { ...a, cl_waiting: 9, maxwait_ms: 10, sv_active: 1 };
    expect(poolPeaks([a, b])).toEqual({ cl_waiting_max: 9, maxwait_ms_max: 1250, sv_active_max: 4, cl_active_max: 6 });
    expect(poolPeaks([])).toEqual({ cl_waiting_max: 0, maxwait_ms_max: 0, sv_active_max: 0, cl_active_max: 0 });
  });
});
