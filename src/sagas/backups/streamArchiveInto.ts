import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupStorage } from '../../ports/backupStorage';
import { createHashingMeter } from '../../ports/hashingMeter';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { ChecksumMismatchError } from './checksumMismatchError';

export interface ExpectedArchive {
  key: string;
  sha256: string;
  size: number;
}

/**
 * Streams an archive from storage into `consume` (pg_restore's stdin, a volume extraction, or nothing)
 * while hashing it; a mismatch with the manifest is a permanent error (the caller's compensation
 * throws away whatever was written). Nothing is held in memory beyond stream buffers.
 */
export async function streamArchiveInto(storage: BackupStorage, archive: ExpectedArchive, consume: (source: NodeJS.ReadableStream) => Promise<void>): Promise<void> {
  const source = await storage.get(archive.key);
  const meter = createHashingMeter();
  const piping = pipeline(source, meter);
  await Promise.all([consume(meter), piping]);
  const actual = meter.result();
  if (actual.sha256 !== archive.sha256 || actual.size !== archive.size) {
    const mismatch = new ChecksumMismatchError(archive.key, archive, actual);
    throw new PermanentSagaError(mismatch.message, { cause: mismatch });
  }
}

/** For streamArchiveInto: pipe into a writable and wait for the writer's own completion. */
export function into(sink: Writable, completion: Promise<void>) {
  return async (source: NodeJS.ReadableStream) => {
    await pipeline(source, sink);
    await completion;
  };
}

/** For streamArchiveInto: only read (checksum verification). */
export async function drain(source: NodeJS.ReadableStream): Promise<void> {
  for await (const _chunk of source) {
    // reading is the point: the meter hashes on the way
  }
}
