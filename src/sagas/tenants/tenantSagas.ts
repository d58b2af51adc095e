import type { SagaDefinition } from '../runtime/sagaDefinition';
import { stopDeletedTenantInstancesSaga } from './stopDeletedTenantInstancesSaga';
import type { TenantSagaDeps } from './tenantSagaDeps';

/** Every tenant saga, for the saga processor (their triggers: tenantSagaTriggers). */
export function tenantSagas(deps: TenantSagaDeps): SagaDefinition[] {
  return [stopDeletedTenantInstancesSaga(deps)];
}
