import type { Decider } from '../shared/decider';
import { decideTenantBackupTarget } from './decideTenantBackupTarget';
import { evolveTenantBackupTarget } from './evolveTenantBackupTarget';
import type { TenantBackupTargetCommand } from './tenantBackupTargetCommands';
import type { TenantBackupTargetEvent } from './tenantBackupTargetEvents';
import { initialTenantBackupTargetState, type TenantBackupTargetState } from './tenantBackupTargetState';

/** Stream `backupTarget-<tenantId>` (camelCase category: the category is what precedes the first `-`). */
export const tenantBackupTargetDecider: Decider<TenantBackupTargetState, TenantBackupTargetCommand, TenantBackupTargetEvent> = {
  initialState: initialTenantBackupTargetState, decide: decideTenantBackupTarget, evolve: evolveTenantBackupTarget,
};
