import type Docker from 'dockerode';
import { isNoSuchContainer, isDockerNotModified } from './dockerErrors';
import { ContainerNotFoundError } from '../../ports/dockerEngineErrors';
/** Already running is fine (304). Absent is an error: a saga must create it first. */
export async function startContainer(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getContainer(name).start();
  } catch (error) {
    if (isDockerNotModified(error)) return;
    if (isNoSuchContainer(error)) throw new ContainerNotFoundError(name);
    throw error;
  }
}
