import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PgToolError } from './postgresAdminErrors';
import { pgConnectionEnv, type PgConnection } from './pgConnectionEnv';

export interface PgToolProcess {
  child: ChildProcess;
  /** Resolves when the tool exited 0; rejects with PgToolError (its stderr tail) otherwise. */
  completion: Promise<void>;
}

const STDERR_KEPT = 8192;

/** Spawns pg_dump / pg_restore with the connection in the environment and a bounded stderr tail. */
export function spawnPgTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  connection: PgConnection,
  options: { binDir?: string; stdin: 'pipe' | 'ignore'; stdout: 'pipe' | 'ignore' },
): PgToolProcess {
  const executable = options.binDir ? path.join(options.binDir, tool) : tool;
  const child = spawn(executable, args, {
    env: pgConnectionEnv(connection),
    stdio: [options.stdin, options.stdout, 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
  });
  const completion = new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new PgToolError(tool, null, error.message)));
    child.once('close', (code) => (code === 0 ? resolve() : reject(new PgToolError(tool, code, stderr))));
  });
  // Callers usually await completion after the stream; never let an early failure go unhandled.
  completion.catch(() => undefined);
  return { child, completion };
}
