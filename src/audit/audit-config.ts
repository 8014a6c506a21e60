/** The part of the config the audit reads: SLOs, budgets, per-check overrides and the edge offload target. */
import type { Config } from '../config/schema.js';

export type AuditConfig = Pick<Config, 'slo' | 'budgets' | 'checks'> & {
  edge?: Pick<NonNullable<Config['edge']>, 'offload_target'>;
};
