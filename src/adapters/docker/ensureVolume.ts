import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';

/** Creates the named local volume if absent; an existing one is accepted (its data is the instance's). */
export async function ensureVolume(docker: Docker, name: string, labels: Record<string, string> = {}): Promise<void> {
  try {
    await docker.getVolume(name).inspect();
    return;
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
  // Volume create is itself idempotent in Docker (returns the existing one), so a race is harmless.
  await docker.createVolume({ Name: name, Driver: 'local', Labels: labels });
}
