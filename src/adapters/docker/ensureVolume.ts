import type Docker from 'dockerode';
import { isDockerNotFound } from './dockerErrors';
import { DockerResourceNotOursError } from '../../ports/dockerEngineErrors';
import { INSTANCE_LABEL } from '../../ports/dockerEngine';
/** Creates the named local volume if absent. An existing one is accepted only when it carries the
 * same instance label (an earlier attempt's): one made by anyone else is refused, never adopted. */
export async function ensureVolume(docker: Docker, name: string, labels: Record<string, string> = {}): Promise<void> {
  const owner = labels[INSTANCE_LABEL];
  const existing = await inspectOrNull(docker, name);
  if (existing) {
    if (existing.Labels?.[INSTANCE_LABEL] !== owner) throw new DockerResourceNotOursError('volume', name);
    return;
  }
  // Volume create returns an existing volume of the name: look again, a racing creator must be us.
  await docker.createVolume({ Name: name, Driver: 'local', Labels: labels });
  const created = await inspectOrNull(docker, name);
  if (created?.Labels?.[INSTANCE_LABEL] !== owner) throw new DockerResourceNotOursError('volume', name);
}

async function inspectOrNull(docker: Docker, name: string): Promise<Docker.VolumeInspectInfo | null> {
  try {
    return await docker.getVolume(name).inspect();
  } catch (error) {
    if (isDockerNotFound(error)) return null;
    throw error;
  }
}
