import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';

/** Absent is fine. A volume still mounted by a container fails (409): remove the container first. */
export async function removeVolume(docker: Docker, name: string): Promise<void> {
  try {
    await docker.getVolume(name).remove();
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
}
