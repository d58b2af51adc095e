import { userInfo } from 'node:os';
import { createPostgresCommandLog, migrateCommandLog } from '../../adapters/commandLog/createPostgresCommandLog';
import { createPostgresAccountStore } from '../../adapters/identity/createPostgresAccountStore';
import { migrateIdentity } from '../../adapters/identity/migrateIdentity';
import { commandHandlers } from '../../commands/commandHandlers';
import { createCommandPipeline } from '../../commands/handleCommand';
import { grantOperatorRole, UnknownAccountError } from '../../commands/identity/grantOperatorRole';
import type { CliContext } from './cliContext';

/** `users grant-operator <email>`: the only way to make a platform operator (never the public API).
 * Recorded as OperatorRoleGranted on the user's stream, with the operating-system user as actor. */
export async function usersGrantOperator(context: CliContext, email: string, write: (line: string) => void): Promise<boolean> {
  const { config, pool, store } = context;
  await migrateCommandLog(pool, config.EVENTSTORE_SCHEMA);
  await migrateIdentity(pool, config.IDENTITY_SCHEMA);
  const handleCommand = createCommandPipeline({
    store, commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: config.COMMAND_CONFLICT_RETRIES,
  });
  const actor = `system:cli:${userInfo().username}`.replace(/[^A-Za-z0-9:._-]/g, '_');
  try {
    const { userId, result } = await grantOperatorRole({ accounts: createPostgresAccountStore(pool, config.IDENTITY_SCHEMA), handleCommand }, email, actor);
    write(`${email} (user ${userId}) is a platform operator (stream ${result.streamName} at version ${result.nextExpectedVersion}).`);
    return true;
  } catch (error) {
    if (!(error instanceof UnknownAccountError)) throw error;
    write(`No account has the email ${email}; the person must register first.`);
    return false;
  }
}
