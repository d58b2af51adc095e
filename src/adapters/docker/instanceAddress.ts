import type { ContainerObservation } from '../../ports/dockerEngine';
import { TENANT_LABEL } from '../../ports/dockerEngine';
import { instanceNetworkName } from './instanceNetworkName';

/** The container's IP on its tenant's network, or null. */
export function instanceAddress(observed: ContainerObservation, networkBase: string): string | null {
  if (!observed.exists) return null;
  const tenantId = observed.labels[TENANT_LABEL];
  return tenantId ? observed.networks[instanceNetworkName(networkBase, tenantId)] ?? null : null;
}
