import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';

/** Stop (bounded) and remove; absent is fine. Never removes volumes: the data outlives the container. */
export async function removeContainer(docker: Docker, name: string, options: { timeoutSeconds: number }): Promise<void> {
  const container = docker.getContainer(name);
  try {
    await container.stop({ t: options.timeoutSeconds });
  } catch (error) {
    // 304 already stopped, 404 absent: both fine; anything else is left to the forced remove below.
    if (isDockerNotFound(error)) return;
  }
  try {
    await container.remove({ force: true, v: false });
  } catch (error) {
    if (isDockerNotFound(error)) return;
    // 409 "removal already in progress" is what a concurrent remove looks like.
    if ((error as { statusCode?: number }).statusCode === 409 && /in progress/i.test(String(error))) return;
    throw error;
  }
}
