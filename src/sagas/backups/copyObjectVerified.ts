import { pipeline } from 'node:stream/promises';
import type { BackupStorage } from '../../ports/backupStorage';
import { createHashingMeter } from '../../ports/hashingMeter';
import type { OffsiteObject } from '../../domain/backupTarget/tenantBackupTargetEvents';

/**
 * Streams one object from the primary storage into another (never whole in memory: lib-storage
 * holds about partSize × queueSize), then proves the copy: what was sent must hash to what the
 * primary should hold (`expected`, from the manifest when known) and what the target gives back
 * must hash the same. `signal` aborts the transfer.
 */
export async function copyObjectVerified(from: BackupStorage, to: BackupStorage, key: string, expected: { size: number; sha256: string } | null, signal: AbortSignal): Promise<OffsiteObject> {
  signal.throwIfAborted();
  const source = await from.get(key);
  const abort = () => source.destroy(signal.reason instanceof Error ? signal.reason : new Error('off-site copy aborted'));
  signal.addEventListener('abort', abort, { once: true });
  try {
    const sent = await to.put(key, source);
    if (expected && (sent.sha256 !== expected.sha256 || sent.size !== expected.size)) {
      throw new Error(`the primary copy of ${key} does not match its manifest (${sent.size} bytes, sha256 ${sent.sha256})`);
    }
    const readBack = createHashingMeter();
    const copy = await to.get(key);
    signal.addEventListener('abort', () => copy.destroy(new Error('off-site copy aborted')), { once: true });
    await pipeline(copy, readBack, async (chunks) => {
      for await (const _chunk of chunks) {
        // reading is the point: the meter hashes on the way
      }
    });
    const landed = readBack.result();
    if (landed.sha256 !== sent.sha256 || landed.size !== sent.size) {
      throw new Error(`the copy of ${key} in the target reads back as ${landed.size} bytes, sha256 ${landed.sha256}, not what was sent`);
    }
    return { key, size: sent.size, sha256: sent.sha256 };
  } finally {
    signal.removeEventListener('abort', abort);
  }
}
