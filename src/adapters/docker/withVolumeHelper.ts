import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { ODOO_DATA_DIR } from './buildContainerOptions';

/**
 * Docker's archive API works on containers, not volumes. A created-but-never-started container of the
 * instance image (always present on the engine) mounts the volume, so backup and restore work whether
 * or not the instance runs, and even before its container exists (restore into a new volume).
 */
export async function createVolumeHelper(
  docker: Docker,
  args: { volume: string; image: string; labels: Record<string, string> },
): Promise<Docker.Container> {
  return docker.createContainer({
    name: `${args.volume}-helper-${randomBytes(4).toString('hex')}`,
    Image: args.image,
    Labels: { ...args.labels, 'platform.volume-helper': args.volume },
    Entrypoint: ['/bin/true'],
    NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: 'volume', Source: args.volume, Target: ODOO_DATA_DIR }] },
  });
}
