import type { Readable } from 'node:stream';
import type { PgConnection } from './pgConnectionEnv';
import { spawnPgTool } from './spawnPgTool';

/**
 * `pg_dump -Fc` of one database as a stream (custom format: compressed, and what pg_restore needs for
 * selective or parallel restore). Destroying `stream` early kills pg_dump. Await `completion` after
 * consuming the stream: a dump is only good if pg_dump exited 0.
 */
export function spawnPgDump(connection: PgConnection, options: { binDir?: string } = {}): { stream: Readable; completion: Promise<void> } {
  const { child, completion } = spawnPgTool('pg_dump', ['--format=custom', '--no-password'], connection, {
    binDir: options.binDir,
    stdin: 'ignore',
    stdout: 'pipe',
  });
  const stream = child.stdout as Readable;
  stream.once('close', () => {
    // Only a consumer that gave up early (destroyed before the end) kills the dump. pg_dump closes its
    // stdout before it exits, so after a complete read `exitCode` can still be null here.
    if (!stream.readableEnded && child.exitCode === null) child.kill('SIGTERM');
  });
  return { stream, completion };
}
