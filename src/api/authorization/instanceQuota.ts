import { QuotaExceededError } from '../../commands/identity/identityErrors';
import type { Principal } from '../../domain/authorization/principal';

export interface InstanceQuota {
  /** INSTANCES_PER_TENANT_MAX. */
  instancesPerTenantMax: number;
  /** Instances the tenant holds now (failed ones do not count: they hold nothing). */
  countHeld(tenantId: string): Promise<number>;
}

/** One check for both transports (HTTP route and AMQP ingress), so neither is a way around it.
 * Operators, and operator-level machine identities, are exempt. */
export async function checkInstanceQuota(quota: InstanceQuota, principal: Principal, tenantId: string): Promise<void> {
  if ((principal.kind === 'user' && principal.operator) || principal.kind === 'system') return;
  if (await quota.countHeld(tenantId) >= quota.instancesPerTenantMax) {
    throw new QuotaExceededError('instances in this tenant', quota.instancesPerTenantMax);
  }
}
