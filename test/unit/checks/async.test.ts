import { expect } from 'vitest';
import { makeQueueEvidence } from '../../support/fixtures.js';
import { describeRules, healthyEvidence } from './rule-cases.js';

const base = healthyEvidence();
const queues = (overrides: Parameters<typeof makeQueueEvidence>[0]) => ({
  ...base,
  queues: makeQueueEvidence(overrides),
});
const none = { ...base, queues: undefined };

describeRules(
  'async',
  {
    'async.queue-bounded': ['pass', 'warn', 'fail', 'not-measured'],
    'async.priorities': ['pass', 'warn', 'not-measured'],
    'async.drain': ['pass', 'warn', 'not-measured'],
  },
  [
    {
      rule: 'async.queue-bounded',
      status: 'pass',
      name: 'flat and small',
      evidence: base,
      expect: (f) => expect(f.threshold).toBe(1000),
    },
    {
      rule: 'async.queue-bounded',
      status: 'fail',
      name: 'depth grows steadily',
      evidence: queues({ slope_per_s: 3.2, depth_end: 96, depth_max: 96 }),
      expect: (f) => {
        expect(f.message).toMatch(/grows steadily/);
        expect(f.message).toMatch(/\+3\.2 msg\/s/);
      },
    },
    {
      rule: 'async.queue-bounded',
      status: 'fail',
      name: 'ends above the budget',
      evidence: queues({ slope_per_s: 0, depth_end: 5000, depth_max: 5000 }),
      expect: (f) => expect(f.message).toMatch(/ends above the budget 1000/),
    },
    {
      rule: 'async.queue-bounded',
      status: 'warn',
      name: 'peaked above the budget, then drained',
      evidence: queues({ depth_max: 2500, depth_end: 3 }),
    },
    {
      rule: 'async.queue-bounded',
      status: 'warn',
      name: 'budgets.queue_depth lowers the budget',
      evidence: base,
      config: { budgets: { queue_depth: 10 } },
      expect: (f) => expect(f.threshold).toBe(10),
    },
    { rule: 'async.queue-bounded', status: 'not-measured', name: 'queues not watched', evidence: none },

    {
      rule: 'async.priorities',
      status: 'pass',
      name: 'two queues with traffic',
      evidence: base,
      expect: (f) => expect(f.value).toBe(2),
    },
    {
      rule: 'async.priorities',
      status: 'warn',
      name: 'everything on one queue',
      evidence: queues({ names: ['celery'], active_queues: 1, by_queue: { celery: { depth_max: 40 } } }),
      expect: (f) => {
        expect(f.message).toMatch(/only 1 queue watched/);
        expect(f.remedy).toMatch(/task_routes/);
      },
    },
    {
      rule: 'async.priorities',
      status: 'not-measured',
      name: 'no task traffic',
      evidence: queues({ active_queues: 0 }),
    },
    { rule: 'async.priorities', status: 'not-measured', name: 'queues not watched', evidence: none },

    {
      rule: 'async.drain',
      status: 'pass',
      name: 'drained in 4 s',
      evidence: base,
      expect: (f) => expect(f.value).toBe(4),
    },
    {
      rule: 'async.drain',
      status: 'warn',
      name: 'took 90 s',
      evidence: queues({ drain_s: 90 }),
      expect: (f) => expect(f.message).toMatch(/90 s to drain > 60 s/),
    },
    {
      rule: 'async.drain',
      status: 'warn',
      name: 'never drained',
      evidence: queues({ drain_s: null }),
      expect: (f) => {
        expect(f.value).toBeNull();
        expect(f.message).toMatch(/never/);
      },
    },
    {
      rule: 'async.drain',
      status: 'warn',
      name: 'budgets.drain of 2s (ms in config, seconds in the rule)',
      evidence: base,
      config: { budgets: { drain: '2s' } },
      expect: (f) => expect(f.threshold).toBe(2),
    },
    { rule: 'async.drain', status: 'not-measured', name: 'drain not watched', evidence: none },
  ],
);
