import type { TenantBackupTargetSet } from './tenantBackupTargetEvents';

export type TenantBackupTargetState =
  | { status: 'none' }
  | ({ status: 'set' } & TenantBackupTargetSet['data']);

export function initialTenantBackupTargetState(): TenantBackupTargetState {
  return { status: 'none' };
}
