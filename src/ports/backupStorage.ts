import type { Readable } from 'node:stream';

/** What was stored: size and SHA-256 computed on the way in, never by reading the object back. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Port: where backup archives live (docs/architecture.md, Backups). Keys are `/`-separated relative paths.
 * `put` is all-or-nothing: a reader never sees a half-written object under `key` (fs: temp file +
 * rename; S3: the object appears when the multipart upload completes).
 */
export interface BackupStorage {
  readonly kind: 'fs' | 's3';
  put(key: string, body: Readable): Promise<StoredObject>;
  /** Streams the object; rejects with StorageObjectNotFoundError when absent. */
  get(key: string): Promise<Readable>;
  /** Size of the object, or null when absent. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Absent is fine. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}
