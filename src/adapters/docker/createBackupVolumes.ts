import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { ensureVolume } from './ensureVolume';
import { getVolumeArchive } from './getVolumeArchive';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import { INSTANCE_LABEL, TENANT_LABEL } from '../../ports/dockerEngine';
import { putVolumeArchive } from './putVolumeArchive';
import { removeVolume } from './removeVolume';
import { volumeExists } from './volumeExists';
import type { BackupVolumes } from '../../ports/backupVolumes';

export function createBackupVolumes(docker: Docker, settings: Pick<DockerAdapterSettings, 'image' | 'extraLabels'>): BackupVolumes {
  const helperArgs = (volume: string) => ({ volume, image: settings.image, labels: { ...settings.extraLabels } });
  return {
    ensure: (name, owner) => ensureVolume(docker, name, { ...settings.extraLabels, [INSTANCE_LABEL]: owner.instanceId, [TENANT_LABEL]: owner.tenantId }),
    exists: (name) => volumeExists(docker, name),
    remove: (name) => removeVolume(docker, name),
    archive: (name) => getVolumeArchive(docker, helperArgs(name)),
    extract: (name, archive) => putVolumeArchive(docker, { ...helperArgs(name), archive }),
    async copy(from, to) {
      const source = await getVolumeArchive(docker, helperArgs(from));
      // A PassThrough between the two engines' streams: a failure on either side ends both.
      const relay = new PassThrough();
      const piping = pipeline(source, relay);
      await Promise.all([putVolumeArchive(docker, { ...helperArgs(to), archive: relay }), piping]);
    },
  };
}
