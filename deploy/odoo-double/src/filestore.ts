// ir.attachment's filestore: <data_dir>/filestore/<db>/<sha1[:2]>/<sha1>, written by the server's uid.
// Failures behave like Odoo 17/18's _get_path/_file_write/_file_read: a directory that cannot be
// created raises (PermissionError, the RPC call fails); a file that cannot be written is only logged
// (the record keeps its store_fname); a file that cannot be read comes back empty.
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { logger } from './log';
import { PythonError, UserError } from './orm';

const log = logger('odoo.addons.base.models.ir_attachment');

/** Python's OSError text for a Node error: "[Errno 13] Permission denied: '/path'". */
export function pythonOsError(error: unknown): PythonError {
  const e = error as NodeJS.ErrnoException;
  const table: Record<string, [string, number, string]> = {
    EACCES: ['PermissionError', 13, 'Permission denied'],
    EPERM: ['PermissionError', 1, 'Operation not permitted'],
    ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
    ENOSPC: ['OSError', 28, 'No space left on device'],
    EROFS: ['OSError', 30, 'Read-only file system'],
    ENOTDIR: ['NotADirectoryError', 20, 'Not a directory'],
  };
  const [name, errno, text] = table[e.code ?? ''] ?? ['OSError', e.errno ?? 5, e.message];
  return new PythonError(name, `[Errno ${Math.abs(errno)}] ${text}: '${e.path ?? ''}'`);
}

export class Filestore {
  constructor(
    private readonly dataDir: string,
    readonly db: string,
  ) {}

  root(): string {
    return join(this.dataDir, 'filestore', this.db);
  }

  fullPath(fname: string): string {
    return join(this.root(), fname.replace(/\./g, '').replace(/^[/\\]+|[/\\]+$/g, ''));
  }

  async write(bin: Buffer, checksum: string): Promise<string> {
    const legacy = `${checksum.slice(0, 3)}/${checksum}`;
    if (existsSync(this.fullPath(legacy)) && statSync(this.fullPath(legacy)).isFile()) return legacy;
    const fname = `${checksum.slice(0, 2)}/${checksum}`;
    const fullPath = this.fullPath(fname);
    try {
      await mkdir(dirname(fullPath), { recursive: true });
    } catch (error) {
      throw pythonOsError(error);
    }
    if (existsSync(fullPath)) {
      const existing = await readFile(fullPath).catch(() => null);
      if (existing && !existing.equals(bin)) throw new UserError('The attachment collides with an existing file.');
      return fname;
    }
    try {
      await writeFile(fullPath, bin);
      const check = join(this.root(), 'checklist', fname);
      await mkdir(dirname(check), { recursive: true }).catch(() => undefined);
      await writeFile(check, '', { flag: 'a' });
    } catch (error) {
      log.info(this.db, `_file_write writing ${fullPath}\n${pythonOsError(error).pythonName}: ${pythonOsError(error).message}`);
    }
    return fname;
  }

  async read(fname: string): Promise<Buffer> {
    const fullPath = this.fullPath(fname);
    try {
      return await readFile(fullPath);
    } catch (error) {
      log.info(this.db, `_read_file reading ${fullPath}\n${pythonOsError(error).pythonName}: ${pythonOsError(error).message}`);
      return Buffer.alloc(0);
    }
  }
}
