import type Docker from 'dockerode';
import { instanceLabels } from './instanceLabels';
import { instanceNetworkName } from './instanceNetworkName';
import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import type { InstanceContainerSpec } from '../../ports/dockerEngine';

export const ODOO_DATA_DIR = '/var/lib/odoo';
/** Put by the platform (root-owned, outside the tenant's volume) once the instance is set up. */
export const ODOO_READY_MARK = '/etc/odoo/platform-ready';

const localHealth = (port: number) => `http://127.0.0.1:${port}/web/health`;

/** The whole desired container, as Docker's create call takes it. */
export function buildContainerOptions(
  spec: InstanceContainerSpec,
  settings: DockerAdapterSettings,
): Docker.ContainerCreateOptions {
  const names = instanceResourceNames(spec.instanceId);
  const network = instanceNetworkName(settings.network, spec.tenantId);
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
    // Healthy once the platform marked it ready and Odoo answers: Traefik routes only healthy
    // containers, so no request reaches an Odoo still on admin/admin (the official image has curl).
    Healthcheck: {
      Test: ['CMD-SHELL', `test -f ${ODOO_READY_MARK} && curl -fsS -m 4 -o /dev/null ${localHealth(settings.httpPort)}`],
      Interval: (settings.healthCheckIntervalMs ?? 2000) * 1_000_000, Timeout: 5_000_000_000, Retries: 3, StartPeriod: 0,
    },
    HostConfig: {
      Memory: spec.limits.memoryBytes,
      // Swap equal to memory = no swap: a plan's memory is a hard limit and OOM is visible.
      MemorySwap: spec.limits.memoryBytes,
      NanoCpus: spec.limits.nanoCpus,
      RestartPolicy: { Name: 'unless-stopped' },
      // An init reaps Odoo's workers and forwards signals, so stop is prompt.
      Init: true,
      NetworkMode: network,
      Mounts: [{ Type: 'volume', Source: names.volume, Target: ODOO_DATA_DIR }],
      // Odoo needs no capability and never gains one (it runs as its own non-root user); a pids limit
      // stops a fork bomb in a tenant's module taking the host down.
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      PidsLimit: 1024,
      // Only when the database is on the Docker host itself (the default): the host's address then.
      ExtraHosts: settings.dbHost === 'host.docker.internal' ? ['host.docker.internal:host-gateway'] : [],
      PortBindings: spec.publishHttp
        ? { [httpPort]: [{ HostIp: spec.publishHttp.hostIp, HostPort: String(spec.publishHttp.hostPort ?? '') }] }
        : {},
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [names.container] } } },
  };
}
