import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

let cached: Promise<string> | null = null;

/** `pg_dump --version` of the binary that makes the dumps (the manifest records it: a restore needs
 * a pg_restore at least as new). Asked once per process. */
export function pgDumpVersion(binDir?: string): Promise<string> {
  cached ??= promisify(execFile)(binDir ? path.join(binDir, 'pg_dump') : 'pg_dump', ['--version'])
    .then(({ stdout }) => stdout.trim())
    .catch(() => 'unknown');
  return cached;
}
