import type Docker from 'dockerode';
import { isDockerConflict, isDockerNotFound } from './dockerErrors';

/** Creates the bridge network if absent; an existing network of that name is accepted as is. */
export async function ensureNetwork(docker: Docker, name: string, labels: Record<string, string> = {}): Promise<string> {
  try {
    const existing = (await docker.getNetwork(name).inspect()) as { Id: string };
    return existing.Id;
  } catch (error) {
    if (!isDockerNotFound(error)) throw error;
  }
  try {
    // CheckDuplicate: without it two racing workers could create two networks with one name.
    const network = await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
    return network.id;
  } catch (error) {
    if (!isDockerConflict(error)) throw error;
    const existing = (await docker.getNetwork(name).inspect()) as { Id: string };
    return existing.Id;
  }
}
