import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import type { BackupStorage } from '../../ports/backupStorage';
import { checkStorageKey } from './checkStorageKey';
import { createHashingMeter } from '../../ports/hashingMeter';
import { StorageObjectNotFoundError } from '../../ports/backupStorageErrors';

export interface S3StorageSettings {
  bucket: string;
  /** Key prefix inside the bucket (e.g. `backups/`), so a bucket can be shared. */
  prefix: string;
  region: string;
  /** S3-compatible servers (MinIO, s3rver); empty = AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Absent = the SDK's default chain (env, instance role); never logged. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** 'WHEN_REQUIRED' for S3-compatible servers: with the SDK default a streamed PutObject is stored by
   * s3rver with its aws-chunked framing, a corrupt object (docs/architecture.md, Backups). */
  checksumMode: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
  /** Multipart part size; memory per upload is about partSize × queueSize. */
  partSizeBytes: number;
  queueSize: number;
  /** SDK attempts per request (default 3); 1 where an answer is wanted fast (checking a tenant's target). */
  maxAttempts?: number;
  /** Give up connecting after this long (default: the OS's); a tenant's endpoint may be unreachable. */
  connectionTimeoutMs?: number;
  /** The DNS lookup of every connection (a tenant's target: publicOnlyLookup). */
  lookup?: LookupFunction;
}

/** Backups in an S3 bucket. Uploads are multipart (streamed; the object appears only on completion),
 * downloads stream the body. Redirects are never followed (the SDK's HTTP handler does not, and the
 * region redirect is off), so an endpoint cannot send the platform elsewhere. */
export function createS3BackupStorage(settings: S3StorageSettings): BackupStorage {
  const agents = settings.lookup ? { httpAgent: new HttpAgent({ lookup: settings.lookup }), httpsAgent: new HttpsAgent({ lookup: settings.lookup }) } : null;
  const requestHandler = {
    ...(settings.connectionTimeoutMs ? { connectionTimeout: settings.connectionTimeoutMs } : {}),
    ...(agents ?? {}),
  };
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    followRegionRedirects: false,
    requestChecksumCalculation: settings.checksumMode,
    responseChecksumValidation: settings.checksumMode,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    ...(Object.keys(requestHandler).length > 0 ? { requestHandler } : {}),
  };
  const client = new S3Client(config);
  const Bucket = settings.bucket;
  const objectKey = (key: string) => `${settings.prefix}${checkStorageKey(key)}`;
  const isNotFound = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
  };
  return {
    kind: 's3',
    async put(key, body) {
      const meter = createHashingMeter();
      body.once('error', (error) => meter.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket, Key: objectKey(key), Body: body.pipe(meter), ContentType: 'application/octet-stream' },
        partSize: settings.partSizeBytes,
        queueSize: settings.queueSize,
        // A failed upload must not leave parts behind (they cost storage and are invisible).
        leavePartsOnError: false,
      });
      await upload.done();
      return { key, ...meter.result() };
    },
    async get(key) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return response.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) throw new StorageObjectNotFoundError(key);
        throw error;
      }
    },
    async stat(key) {
      try {
        const response = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return { size: response.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
    async list(prefix) {
      checkStorageKey(prefix, { prefix: true });
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${settings.prefix}${prefix}`, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key.slice(settings.prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async close() {
      client.destroy();
      agents?.httpAgent.destroy();
      agents?.httpsAgent.destroy();
    },
  };
}
