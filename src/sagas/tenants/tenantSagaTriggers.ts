import type { RecordedEvent } from '../../ports/eventStore';
import type { SagaTrigger } from '../runtime/sagaTrigger';

const tenantIdOf = (event: RecordedEvent) => (event.data as { tenantId: string }).tenantId;

/** A tenant is deleted once (its decider refuses a second deletion): one saga per tenant,
 * saga-stopDeletedTenantInstances-<tenantId>. */
export const tenantSagaTriggers: SagaTrigger[] = [
  { eventType: 'TenantDeleted', sagaName: 'stopDeletedTenantInstances', sagaId: tenantIdOf, subjectId: tenantIdOf },
];
