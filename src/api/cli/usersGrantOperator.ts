import type { HandleCommand } from '../../commands/handleCommand';
import { grantOperatorRole, UnknownAccountError } from '../../commands/identity/grantOperatorRole';
import type { AccountStore } from '../../ports/identityStores';

export interface OperatorGrantDeps {
  accounts: AccountStore;
  handleCommand: HandleCommand;
  /** The operating-system user, as `system:cli:<name>`. */
  actor: string;
}

/** `users grant-operator <email>`: the only way to make a platform operator (never the public API).
 * Recorded as OperatorRoleGranted on the user's stream, with the operating-system user as actor. */
export async function usersGrantOperator(deps: OperatorGrantDeps, email: string, write: (line: string) => void): Promise<boolean> {
  try {
    const { userId, result } = await grantOperatorRole({ accounts: deps.accounts, handleCommand: deps.handleCommand }, email, deps.actor);
    write(`${email} (user ${userId}) is a platform operator (stream ${result.streamName} at version ${result.nextExpectedVersion}).`);
    return true;
  } catch (error) {
    if (!(error instanceof UnknownAccountError)) throw error;
    write(`No account has the email ${email}; the person must register first.`);
    return false;
  }
}
