import type Docker from 'dockerode';
import { createHttpTransport } from '../http/httpTransport';
import { execHttp } from './execHttp';
import type { DockerEngine } from '../../ports/dockerEngine';
import { ensureContainer, putReadyMark } from './ensureContainer';
import { ensureTenantNetwork } from './ensureTenantNetwork';
import { ensureVolume } from './ensureVolume';
import { followContainerEvents } from './followContainerEvents';
import { getVolumeArchive } from './getVolumeArchive';
import { inspectInstanceContainer } from './inspectInstanceContainer';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import { INSTANCE_LABEL, TENANT_LABEL } from '../../ports/dockerEngine';
import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';
import { putVolumeArchive } from './putVolumeArchive';
import { removeContainer } from './removeContainer';
import { removeVolume } from './removeVolume';
import { runOneOffContainer } from './runOneOffContainer';
import { containerStats } from './containerStats';
import { volumeSizes } from './volumeSizes';
import { restartContainer } from './restartContainer';
import { startContainer } from './startContainer';
import { stopContainer } from './stopContainer';
import { updateLimits } from './updateLimits';
import { volumeExists } from './volumeExists';
import { waitForHealthy } from './waitForHealthy';

/** Binds the Docker functions to one client and the platform's settings, keyed by instance id. */
export function createDockerAdapter(docker: Docker, settings: DockerAdapterSettings): DockerEngine {
  const names = instanceResourceNames;
  const stopTimeout = (options?: { timeoutSeconds?: number }) => ({ timeoutSeconds: options?.timeoutSeconds ?? settings.stopTimeoutSeconds });
  const volumeArgs = (instanceId: string, volume?: string) => ({
    volume: volume ?? names(instanceId).volume,
    image: settings.image,
    labels: { ...settings.extraLabels, [INSTANCE_LABEL]: instanceId },
  });
  return {
    async ensureNetwork(tenantId) {
      await ensureTenantNetwork(docker, settings, tenantId);
    },
    markReady: (instanceId) => putReadyMark(docker.getContainer(names(instanceId).container)),
    ensureVolume: (instanceId, tenantId) =>
      ensureVolume(docker, names(instanceId).volume, { ...settings.extraLabels, [INSTANCE_LABEL]: instanceId, [TENANT_LABEL]: tenantId }),
    volumeExists: (instanceId) => volumeExists(docker, names(instanceId).volume),
    removeVolume: (instanceId) => removeVolume(docker, names(instanceId).volume, instanceId),
    ensureContainer: (spec) => ensureContainer(docker, spec, settings),
    runOneOff: (spec, run) => runOneOffContainer(docker, spec, settings, run),
    async odooHttp(instanceId) {
      const container = names(instanceId).container;
      const { url } = await waitForHealthy(docker, container, {
        httpPort: settings.httpPort, network: settings.network, timeoutMs: settings.healthTimeoutMs,
        pollMs: settings.healthPollMs, healthAddress: settings.healthAddress,
      });
      if (url === null) return (request) => execHttp(docker, container, settings.httpPort, request);
      return createHttpTransport(url.slice(0, -'/web/health'.length));
    },
    start: (instanceId) => startContainer(docker, names(instanceId).container),
    stop: (instanceId, options) => stopContainer(docker, names(instanceId).container, stopTimeout(options)),
    restart: (instanceId, options) => restartContainer(docker, names(instanceId).container, stopTimeout(options)),
    remove: (instanceId, options) => removeContainer(docker, names(instanceId).container, { ...stopTimeout(options), ownedBy: instanceId }),
    updateLimits: (instanceId, limits) => updateLimits(docker, names(instanceId).container, limits),
    inspect: (instanceId) => inspectInstanceContainer(docker, names(instanceId).container, settings.httpPort),
    stats: (instanceId) => containerStats(docker, names(instanceId).container),
    volumeSizes: () => volumeSizes(docker),
    waitForHealthy: (instanceId, options) =>
      waitForHealthy(docker, names(instanceId).container, {
        httpPort: settings.httpPort,
        network: settings.network,
        timeoutMs: options?.timeoutMs ?? settings.healthTimeoutMs,
        pollMs: settings.healthPollMs,
        healthAddress: settings.healthAddress,
      }),
    getVolumeArchive: (instanceId, options) => getVolumeArchive(docker, volumeArgs(instanceId, options?.volume)),
    putVolumeArchive: (instanceId, archive, options) => putVolumeArchive(docker, { ...volumeArgs(instanceId, options?.volume), archive }),
    followEvents: (options) =>
      followContainerEvents(docker, {
        ...options,
        labels: [INSTANCE_LABEL, ...Object.entries(settings.extraLabels).map(([k, v]) => `${k}=${v}`), ...(options.labels ?? [])],
      }),
  };
}
