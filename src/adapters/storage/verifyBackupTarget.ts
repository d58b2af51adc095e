import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BackupStorage } from '../../ports/backupStorage';

/** A real, cheap proof that the credentials can write, read and delete under the target's prefix:
 * a tiny object is put, looked at and deleted. Throws whatever the target said. */
export async function verifyBackupTarget(storage: BackupStorage): Promise<void> {
  const key = `platform-write-check-${randomBytes(8).toString('hex')}`;
  const body = Buffer.from('hosted-odoo control plane: checking that backups can be written here\n');
  await storage.put(key, Readable.from([body]));
  try {
    const stat = await storage.stat(key);
    if (stat?.size !== body.length) throw new Error(`the check object came back with ${stat ? `${stat.size} bytes` : 'nothing'}, not ${body.length}`);
  } finally {
    await storage.delete(key);
  }
}
