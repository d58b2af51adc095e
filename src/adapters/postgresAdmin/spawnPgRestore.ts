import type { Writable } from 'node:stream';
import type { PgConnection } from './pgConnectionEnv';
import { spawnPgTool } from './spawnPgTool';
import type { PgRestoreOptions } from '../../ports/postgresAdmin';

/**
 * `pg_restore` of a custom-format dump written to `stream` into `connection.database` (which must
 * exist). Stops at the first error. Await `completion` after the input has ended.
 */
export function spawnPgRestore(connection: PgConnection, options: PgRestoreOptions = {}): { stream: Writable; completion: Promise<void> } {
  const args = ['--exit-on-error', '--no-password', `--dbname=${connection.database}`];
  if (options.noOwner ?? true) args.push('--no-owner', '--no-privileges');
  if (options.singleTransaction) args.push('--single-transaction');
  const { child, completion } = spawnPgTool('pg_restore', args, connection, {
    binDir: options.binDir,
    stdin: 'pipe',
    stdout: 'ignore',
  });
  const stream = child.stdin as Writable;
  // pg_restore exiting early closes its stdin: report that through completion, not an EPIPE crash.
  stream.on('error', () => undefined);
  return { stream, completion };
}
