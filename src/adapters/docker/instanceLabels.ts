import { instanceNetworkName } from './instanceNetworkName';
import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import { INSTANCE_LABEL, TENANT_LABEL, type InstanceContainerSpec } from '../../ports/dockerEngine';
import { traefikLabels } from './traefikLabels';

/** Ownership labels (events filter, cleanup) plus the Traefik route. */
export function instanceLabels(spec: InstanceContainerSpec, settings: DockerAdapterSettings): Record<string, string> {
  return {
    ...settings.extraLabels,
    [INSTANCE_LABEL]: spec.instanceId,
    [TENANT_LABEL]: spec.tenantId,
    ...traefikLabels({
      router: instanceResourceNames(spec.instanceId).traefikRouter,
      host: `${spec.subdomain}.${settings.baseDomain}`,
      network: instanceNetworkName(settings.network, spec.tenantId),
      entrypoint: settings.traefikEntrypoint,
      httpPort: settings.httpPort,
    }),
  };
}
