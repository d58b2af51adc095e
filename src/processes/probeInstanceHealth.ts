import type { DockerEngine } from '../ports/dockerEngine';
import { ContainerExitedError, ContainerNotFoundError, HealthTimeoutError } from '../ports/dockerEngineErrors';
/** One look at an instance, in the terms of RecordInstanceHealth. */
export interface HealthObservation {
  health: 'healthy' | 'unhealthy' | 'crashed';
  detail: string;
  exitCode?: number;
  oomKilled?: boolean;
}

/**
 * Inspects the container, then asks /web/health with a bounded wait. waitForHealthy is reused on
 * purpose: it already knows how the platform reaches a container (published port, IP or name) and
 * tells an exited or restarting container apart from one that merely answers badly.
 * The detail goes to the tenant (healthDetail, mails), and what the probe last saw comes from the
 * tenant's own code answering, or redirecting the probe elsewhere: it is told in fixed words only,
 * never as the raw error or status, so the probe cannot be used to look around the platform's
 * network (docs/decisions/028).
 */
export async function probeInstanceHealth(docker: DockerEngine, instanceId: string, timeoutMs: number): Promise<HealthObservation> {
  const observed = await docker.inspect(instanceId);
  if (!observed.exists) return { health: 'crashed', detail: 'container is missing' };
  if (!observed.running || observed.status === 'restarting') {
    return {
      health: 'crashed',
      detail: `container ${observed.status} (exit code ${observed.exitCode}${observed.oomKilled ? ', OOMKilled' : ''})`,
      exitCode: observed.exitCode,
      oomKilled: observed.oomKilled,
    };
  }
  try {
    await docker.waitForHealthy(instanceId, { timeoutMs });
    return { health: 'healthy', detail: '/web/health answered' };
  } catch (error) {
    if (error instanceof HealthTimeoutError) return { health: 'unhealthy', detail: `/web/health did not answer with success within ${timeoutMs} ms` };
    if (error instanceof ContainerExitedError) {
      return {
        health: 'crashed', detail: `container exited (exit code ${error.exitCode ?? 'unknown'}${error.oomKilled ? ', OOMKilled' : ''})`,
        ...(error.exitCode !== null ? { exitCode: error.exitCode } : {}), oomKilled: error.oomKilled,
      };
    }
    if (error instanceof ContainerNotFoundError) return { health: 'crashed', detail: 'container is missing' };
    throw error;
  }
}
