import type Docker from 'dockerode';
import { isNoSuchContainer } from './dockerErrors';
import { ContainerNotFoundError } from '../../ports/dockerEngineErrors';
/** Restart also starts a stopped container. Absent is an error. */
export async function restartContainer(docker: Docker, name: string, options: { timeoutSeconds: number }): Promise<void> {
  try {
    await docker.getContainer(name).restart({ t: options.timeoutSeconds });
  } catch (error) {
    if (isNoSuchContainer(error)) throw new ContainerNotFoundError(name);
    throw error;
  }
}
