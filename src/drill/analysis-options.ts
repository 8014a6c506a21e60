/** The analysis options a run's config implies: its SLO, drill.consecutive and the replica lag budget. */
import type { Config } from '../config/schema.js';
import type { SourceResult } from '../result/run-result.js';
import type { DrillAnalysisOptions } from './analysis.js';
import { DEFAULT_CONSECUTIVE } from './schedule-flags.js';

export function drillAnalysisOptions(config: Config, sources?: Record<string, SourceResult>): DrillAnalysisOptions {
  return {
    slo: { p95: config.slo.p95, error_rate: config.slo.error_rate },
    consecutive: config.drill?.consecutive ?? DEFAULT_CONSECUTIVE,
    sources,
    budgets: { replica_lag: config.budgets.replica_lag },
  };
}
