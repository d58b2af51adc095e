import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';

/** Absent is fine. A network still used by containers fails (409): those must go first. */
export async function removeNetwork(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getNetwork(name).remove();
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
}
