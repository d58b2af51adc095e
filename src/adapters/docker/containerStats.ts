import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';
import type { ContainerStats } from '../../ports/dockerEngine';

/** One sample of the engine's stats (not a stream); null when the container is absent or stopped. */
export async function containerStats(docker: Docker, name: string): Promise<ContainerStats | null> {
  let stats: {
    cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
    precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
    memory_stats?: { usage?: number; limit?: number; stats?: { inactive_file?: number; cache?: number } };
  };
  try {
    stats = (await docker.getContainer(name).stats({ stream: false })) as typeof stats;
  } catch (error) {
    if (isDockerNotFound(error)) return null;
    throw error;
  }
  const memory = stats.memory_stats;
  if (!memory?.usage) return null;
  const cpuDelta = (stats.cpu_stats?.cpu_usage?.total_usage ?? 0) - (stats.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (stats.cpu_stats?.system_cpu_usage ?? 0) - (stats.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = stats.cpu_stats?.online_cpus ?? 1;
  // As `docker stats` computes them: page cache that can be reclaimed is not the container's use.
  const reclaimable = memory.stats?.inactive_file ?? memory.stats?.cache ?? 0;
  return {
    cpuPercent: systemDelta > 0 && cpuDelta > 0 ? Math.round((cpuDelta / systemDelta) * cpus * 1000) / 10 : 0,
    memoryBytes: Math.max(0, memory.usage - reclaimable),
    memoryLimitBytes: memory.limit ?? 0,
  };
}
