import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';
import { INSTANCE_LABEL } from '../../ports/dockerEngine';
/** Absent is fine. A volume still mounted by a container fails (409): remove the container first.
 * With `ownedBy`, a volume of the name without that instance label is somebody else's and is left
 * alone (a compensation never removes what its step refused to adopt). */
export async function removeVolume(docker: Docker, name: string, ownedBy?: string): Promise<void> {
  try {
    if (ownedBy !== undefined) {
      const info = await docker.getVolume(name).inspect();
      if (info.Labels?.[INSTANCE_LABEL] !== ownedBy) return;
    }
    await docker.getVolume(name).remove();
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
}
