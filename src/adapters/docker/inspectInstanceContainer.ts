import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';
import type { ContainerObservation } from '../../ports/dockerEngine';

/** The container as Docker sees it now; absent is an answer, not an error. */
export async function inspectInstanceContainer(docker: Docker, name: string, httpPort: number): Promise<ContainerObservation> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(name).inspect();
  } catch (error) {
    if (isDockerNotFound(error)) return { exists: false, name };
    throw error;
  }
  const networks: Record<string, string> = {};
  for (const [network, settings] of Object.entries(info.NetworkSettings.Networks ?? {})) {
    if (settings.IPAddress) networks[network] = settings.IPAddress;
  }
  const binding = info.NetworkSettings.Ports?.[`${httpPort}/tcp`]?.[0];
  return {
    exists: true,
    name,
    id: info.Id,
    status: info.State.Status as 'running',
    running: info.State.Running,
    oomKilled: info.State.OOMKilled,
    exitCode: info.State.ExitCode,
    startedAt: info.State.StartedAt,
    finishedAt: info.State.FinishedAt,
    restartCount: info.RestartCount,
    health: info.State.Health?.Status ?? null,
    limits: { memoryBytes: info.HostConfig.Memory ?? 0, nanoCpus: info.HostConfig.NanoCpus ?? 0 },
    labels: info.Config.Labels ?? {},
    networks,
    publishedHttp: binding ? { hostIp: binding.HostIp, hostPort: Number(binding.HostPort) } : null,
  };
}
