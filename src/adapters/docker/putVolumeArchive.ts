import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ODOO_DATA_DIR } from './buildContainerOptions';
import { createVolumeHelper } from './withVolumeHelper';

/** Extracts a tar stream (as getVolumeArchive makes) into the volume, streamed to the engine. */
export async function putVolumeArchive(
  docker: Docker,
  args: { volume: string; image: string; labels: Record<string, string>; archive: Readable },
): Promise<void> {
  const helper = await createVolumeHelper(docker, args);
  try {
    await helper.putArchive(args.archive, { path: ODOO_DATA_DIR });
  } finally {
    await helper.remove({ force: true }).catch(() => undefined);
  }
}
