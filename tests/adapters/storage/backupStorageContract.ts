import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BackupStorage } from '../../../src/ports/backupStorage';
import { StorageObjectNotFoundError } from '../../../src/ports/backupStorageErrors';

/** Bytes generated chunk by chunk (never one big buffer), with their SHA-256 computed alongside. */
export function generatedBody(totalBytes: number, seed = randomBytes(8).toString('hex')): { stream: () => Readable; sha256: string } {
  const chunk = (index: number) => createHash('sha512').update(`${seed}:${index}`).digest();
  const chunks = Math.ceil(totalBytes / 64);
  const digest = createHash('sha256');
  for (let i = 0; i < chunks; i += 1) digest.update(chunk(i).subarray(0, Math.min(64, totalBytes - i * 64)));
  return {
    sha256: digest.digest('hex'),
    stream: () => Readable.from((function* () {
      // 64 KiB writes: realistic for a pg_dump pipe.
      let batch: Buffer[] = [];
      for (let i = 0; i < chunks; i += 1) {
        batch.push(chunk(i).subarray(0, Math.min(64, totalBytes - i * 64)));
        if (batch.length === 1024) {
          yield Buffer.concat(batch);
          batch = [];
        }
      }
      if (batch.length) yield Buffer.concat(batch);
    })()),
  };
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** ONE contract for every BackupStorage adapter (fs, s3): what backups and restores rely on. */
export function backupStorageContract(name: string, open: () => Promise<{ storage: BackupStorage; close(): Promise<void> }>): void {
  describe(`BackupStorage contract: ${name}`, () => {
    let storage: BackupStorage;
    let close: () => Promise<void>;
    const prefix = `contract-${randomBytes(4).toString('hex')}`;
    beforeAll(async () => {
      ({ storage, close } = await open());
    });
    afterAll(async () => {
      await close();
    });

    it('stores a streamed object and reports its size and SHA-256, which match what comes back', async () => {
      const body = generatedBody(300_000);
      const stored = await storage.put(`${prefix}/small/database.dump`, body.stream());
      expect(stored).toEqual({ key: `${prefix}/small/database.dump`, size: 300_000, sha256: body.sha256 });
      expect(await sha256Of(await storage.get(`${prefix}/small/database.dump`))).toEqual({ sha256: body.sha256, size: 300_000 });
      expect(await storage.stat(`${prefix}/small/database.dump`)).toEqual({ size: 300_000 });
    });

    it('streams a multi-part object (larger than a part) intact', async () => {
      const body = generatedBody(13 * 1024 * 1024 + 17);
      const stored = await storage.put(`${prefix}/big/volume.tar`, body.stream());
      expect(stored.sha256).toBe(body.sha256);
      expect(await sha256Of(await storage.get(`${prefix}/big/volume.tar`))).toEqual({ sha256: body.sha256, size: 13 * 1024 * 1024 + 17 });
    });

    it('stores an empty object', async () => {
      const stored = await storage.put(`${prefix}/empty`, Readable.from([]));
      expect(stored.size).toBe(0);
      expect((await sha256Of(await storage.get(`${prefix}/empty`))).size).toBe(0);
    });

    it('replaces an object as a whole', async () => {
      await storage.put(`${prefix}/replaced`, Readable.from([Buffer.from('first version, longer')]));
      await storage.put(`${prefix}/replaced`, Readable.from([Buffer.from('second')]));
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.get(`${prefix}/replaced`)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('second');
    });

    it('leaves nothing visible when the source stream fails half way', async () => {
      const failing = Readable.from((async function* () {
        yield randomBytes(1024 * 1024);
        throw new Error('source died');
      })());
      await expect(storage.put(`${prefix}/torn`, failing)).rejects.toThrow();
      expect(await storage.stat(`${prefix}/torn`)).toBeNull();
      expect(await storage.list(`${prefix}/`)).not.toContain(`${prefix}/torn`);
    });

    it('lists by prefix, deletes idempotently, and reports absent objects', async () => {
      const keys = await storage.list(`${prefix}/`);
      expect(keys).toEqual([`${prefix}/big/volume.tar`, `${prefix}/empty`, `${prefix}/replaced`, `${prefix}/small/database.dump`]);
      await storage.delete(`${prefix}/empty`);
      await storage.delete(`${prefix}/empty`);
      expect(await storage.stat(`${prefix}/empty`)).toBeNull();
      await expect(storage.get(`${prefix}/empty`)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
      await expect(storage.get('../etc/passwd')).rejects.toThrow(/not a valid backup object key/);
    });
  });
}
