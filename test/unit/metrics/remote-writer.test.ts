import { describe, expect, it } from 'vitest';
import { toRemoteSeries } from '../../../src/metrics/remote-writer.js';

describe('toRemoteSeries', () => {
  it('names counters as the OpenMetrics exposition does and keeps every label', () => {
    const series = toRemoteSeries(
      [
        { name: 'scale_audit_requests', type: 'counter', values: [{ value: 7, labels: { endpoint: 'list' } }] },
        {
          name: 'scale_audit_latency_seconds',
          type: 'histogram',
          values: [{ value: 3, labels: { le: '+Inf' }, metricName: 'scale_audit_latency_seconds_bucket' }],
        },
        { name: 'scale_audit_in_flight', type: 'gauge', values: [{ value: 0 }] },
      ],
      1234,
    );
    expect(series).toEqual([
      {
        labels: { __name__: 'scale_audit_requests_total', job: 'scale-audit', endpoint: 'list' },
        samples: [{ value: 7, timestamp: 1234 }],
      },
      {
        labels: { __name__: 'scale_audit_latency_seconds_bucket', job: 'scale-audit', le: '+Inf' },
        samples: [{ value: 3, timestamp: 1234 }],
      },
      { labels: { __name__: 'scale_audit_in_flight', job: 'scale-audit' }, samples: [{ value: 0, timestamp: 1234 }] },
    ]);
  });
});
