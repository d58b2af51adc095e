import type Docker from 'dockerode';
import { isNoSuchContainer } from './dockerErrors';
import { ContainerNotFoundError } from '../../ports/dockerEngineErrors';
import type { InstanceLimits } from '../../ports/dockerEngine';

/** Live resize (`docker update`), running or not; the new limits also survive restarts. */
export async function updateLimits(docker: Docker, name: string, limits: InstanceLimits): Promise<void> {
  try {
    // MemorySwap moves with Memory (no swap), else shrinking below the old swap limit is refused.
    await docker.getContainer(name).update({
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
    });
  } catch (error) {
    if (isNoSuchContainer(error)) throw new ContainerNotFoundError(name);
    throw error;
  }
}
