import type Docker from 'dockerode';
import { ensureNetwork } from './ensureNetwork';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import { TENANT_LABEL } from '../../ports/dockerEngine';
import { instanceNetworkName } from './instanceNetworkName';

/** The tenant's network, with the router (and, in compose, the instances cluster) joined to it. */
export async function ensureTenantNetwork(docker: Docker, settings: DockerAdapterSettings, tenantId: string): Promise<string> {
  const name = instanceNetworkName(settings.network, tenantId);
  await ensureNetwork(docker, name, { ...settings.extraLabels, [TENANT_LABEL]: tenantId }, settings.subnetPool);
  for (const member of settings.tenantNetworkMembers ?? []) {
    const { Containers } = (await docker.getNetwork(name).inspect()) as { Containers?: Record<string, { Name: string }> };
    if (Object.values(Containers ?? {}).some((container) => container.Name === member)) continue;
    try {
      await docker.getNetwork(name).connect({ Container: member });
    } catch (error) {
      // 403 "already exists in network": a racing worker joined it first.
      if ((error as { statusCode?: number }).statusCode !== 403) throw error;
    }
  }
  return name;
}
