import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ODOO_DATA_DIR } from './buildContainerOptions';
import { createVolumeHelper } from './withVolumeHelper';

/**
 * A tar stream of the data volume's contents (entries relative to /var/lib/odoo). Streamed from the
 * engine, never buffered: the caller pipes it into storage. The helper container is removed when the
 * stream ends, fails or is destroyed.
 */
export async function getVolumeArchive(
  docker: Docker,
  args: { volume: string; image: string; labels: Record<string, string> },
): Promise<Readable> {
  const helper = await createVolumeHelper(docker, args);
  try {
    // "<dir>/." = the directory's contents, so putVolumeArchive can extract into any volume.
    const stream = (await helper.getArchive({ path: `${ODOO_DATA_DIR}/.` })) as unknown as Readable;
    let removed = false;
    const cleanUp = () => {
      if (removed) return;
      removed = true;
      helper.remove({ force: true }).catch(() => undefined);
    };
    stream.once('end', cleanUp);
    stream.once('close', cleanUp);
    stream.once('error', cleanUp);
    return stream;
  } catch (error) {
    await helper.remove({ force: true }).catch(() => undefined);
    throw error;
  }
}
