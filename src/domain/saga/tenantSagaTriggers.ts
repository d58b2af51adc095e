import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

const tenantIdOf = (event: TriggerEvent) => (event.data as { tenantId: string }).tenantId;

/** A tenant is deleted once (its decider refuses a second deletion): one saga per tenant,
 * saga-stopDeletedTenantInstances-<tenantId>. */
export const tenantSagaTriggers: SagaTrigger[] = [
  { eventType: 'TenantDeleted', sagaName: 'stopDeletedTenantInstances', sagaId: tenantIdOf, subjectId: tenantIdOf },
];
