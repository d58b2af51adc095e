import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';
import { INSTANCE_LABEL } from '../../ports/dockerEngine';
/** Stop (bounded) and remove; absent is fine. Never removes volumes: the data outlives the container.
 * With `ownedBy`, a container of the name without that instance label is somebody else's and is left
 * alone (a compensation never removes what its step refused to adopt). */
export async function removeContainer(docker: Docker, name: string, options: { timeoutSeconds: number; ownedBy?: string }): Promise<void> {
  const container = docker.getContainer(name);
  if (options.ownedBy !== undefined) {
    try {
      const info = await container.inspect();
      if (info.Config.Labels?.[INSTANCE_LABEL] !== options.ownedBy) return;
    } catch (error) {
      if (isDockerNotFound(error)) return;
      throw error;
    }
  }
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
