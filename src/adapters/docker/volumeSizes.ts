import type Docker from 'dockerode';
import { INSTANCE_LABEL } from '../../ports/dockerEngine';
import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';

/** Bytes in each instance's data volume, by instance id, from one `docker system df` (the engine
 * walks the volumes itself; nothing is mounted or started). Volumes of restores in flight are left out. */
export async function volumeSizes(docker: Docker): Promise<Map<string, number>> {
  const usage = (await docker.df()) as { Volumes?: Array<{ Name: string; Labels: Record<string, string> | null; UsageData?: { Size: number } | null }> | null };
  const sizes = new Map<string, number>();
  for (const volume of usage.Volumes ?? []) {
    const instanceId = volume.Labels?.[INSTANCE_LABEL];
    if (!instanceId || volume.Name !== instanceResourceNames(instanceId).volume) continue;
    sizes.set(instanceId, Math.max(0, volume.UsageData?.Size ?? 0));
  }
  return sizes;
}
