import type { Config } from '../config';
import { dunningProjection } from '../projections/billing/dunningProjection';
import { dunningCandidates } from '../projections/billing/queryDunning';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { startDunningProcess, type DunningProcess } from '../processes/startDunningProcess';
import type { PlatformCore } from './createPlatformCore';

/** The dunning loop of a worker with billing on (DUNNING_* in src/config.ts, docs/decisions/052). */
export function startDunning(core: Pick<PlatformCore, 'db' | 'handleCommand' | 'logger'>, config: Config): DunningProcess | null {
  if (!config.DUNNING_ENABLED) return null;
  const tables = servingTableNames(dunningProjection, config.READMODEL_SCHEMA);
  return startDunningProcess({
    handleCommand: core.handleCommand, candidates: (dueBy) => dunningCandidates(core.db, tables, dueBy),
    graceDays: config.DUNNING_GRACE_DAYS, cancelAfterDays: config.DUNNING_CANCEL_AFTER_DAYS, retentionDays: config.BILLING_RETENTION_DAYS,
    intervalMs: config.DUNNING_INTERVAL_MS, logger: core.logger.child({ component: 'dunning' }),
  });
}
