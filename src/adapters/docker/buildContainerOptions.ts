import type Docker from 'dockerode';
import { instanceLabels } from './instanceLabels';
import { instanceResourceNames } from './instanceResourceNames';
import type { DockerAdapterSettings, InstanceContainerSpec } from './instanceContainerSpec';

export const ODOO_DATA_DIR = '/var/lib/odoo';

/** The whole desired container, as Docker's create call takes it. */
export function buildContainerOptions(
  spec: InstanceContainerSpec,
  settings: DockerAdapterSettings,
): Docker.ContainerCreateOptions {
  const names = instanceResourceNames(spec.instanceId);
  const httpPort = `${settings.httpPort}/tcp`;
  // odoo:17's HOST/PORT/USER/PASSWORD are its database connection, not its HTTP listener.
  const env: Record<string, string> = {
    ...spec.extraEnv,
    HOST: settings.dbHost,
    PORT: String(settings.dbPort),
    USER: spec.dbUser,
    PASSWORD: spec.dbPassword,
  };
  return {
    name: names.container,
    Image: spec.image ?? settings.image,
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    Labels: instanceLabels(spec, settings),
    ExposedPorts: { [httpPort]: {} },
    StopTimeout: settings.stopTimeoutSeconds,
    HostConfig: {
      Memory: spec.limits.memoryBytes,
      // Swap equal to memory = no swap: a plan's memory is a hard limit and OOM is visible.
      MemorySwap: spec.limits.memoryBytes,
      NanoCpus: spec.limits.nanoCpus,
      RestartPolicy: { Name: 'unless-stopped' },
      // An init reaps Odoo's workers and forwards signals, so stop is prompt.
      Init: true,
      NetworkMode: settings.network,
      Mounts: [{ Type: 'volume', Source: names.volume, Target: ODOO_DATA_DIR }],
      // Lets containers reach a database on the Docker host by a stable name (the default DB host).
      ExtraHosts: ['host.docker.internal:host-gateway'],
      PortBindings: spec.publishHttp
        ? { [httpPort]: [{ HostIp: spec.publishHttp.hostIp, HostPort: String(spec.publishHttp.hostPort ?? '') }] }
        : {},
    },
    NetworkingConfig: { EndpointsConfig: { [settings.network]: { Aliases: [names.container] } } },
  };
}
