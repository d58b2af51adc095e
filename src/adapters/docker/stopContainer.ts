import type Docker from 'dockerode';
import { isDockerNotFound, isDockerNotModified } from './dockerErrors';

/** Already stopped (304) or absent (404) is fine: the wanted state is "not running". */
export async function stopContainer(docker: Docker, name: string, options: { timeoutSeconds: number }): Promise<void> {
  try {
    await docker.getContainer(name).stop({ t: options.timeoutSeconds });
  } catch (error) {
    if (isDockerNotModified(error) || isDockerNotFound(error)) return;
    throw error;
  }
}
