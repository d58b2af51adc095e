import type { Readable } from 'node:stream';

/** Volumes by name, for restores: Docker cannot rename a volume, so a restore works beside the
 * instance's own volume (`<volume>-r…`, `<volume>-o…`) and moves contents by streamed tar copies. */
export interface BackupVolumes {
  ensure(name: string, owner: { instanceId: string; tenantId: string }): Promise<void>;
  exists(name: string): Promise<boolean>;
  remove(name: string): Promise<void>;
  archive(name: string): Promise<Readable>;
  extract(name: string, archive: Readable): Promise<void>;
  /** Streams the contents of `from` into `to` (which must exist and should be empty). */
  copy(from: string, to: string): Promise<void>;
}
