import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StorageSettings } from '../../../src/adapters/storage/createS3BackupStorage';

/** A real S3 protocol peer in the test process (s3rver, files in a temp directory), on a free port. */
export async function startS3rver(bucket = 'backups'): Promise<{ settings: S3StorageSettings; close(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    settings: {
      bucket, prefix: '', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true,
      // s3rver's fixed development credentials, not a secret.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      checksumMode: 'WHEN_REQUIRED', partSizeBytes: 5 * 1024 * 1024, queueSize: 2,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
