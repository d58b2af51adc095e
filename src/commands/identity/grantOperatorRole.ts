import { normalizeEmail } from '../../domain/user/normalizeEmail';
import type { CommandResult } from '../commandEnvelope';
import type { IdentityDeps } from './identityDeps';
import { sendIdentityCommand } from './sendIdentityCommand';

export class UnknownAccountError extends Error {
  constructor() {
    super('No account has this email');
    this.name = 'UnknownAccountError';
  }
}

/** Operators are made from the CLI only (never over the public API), recorded on the user stream. */
export async function grantOperatorRole(deps: Pick<IdentityDeps, 'accounts' | 'handleCommand'>, email: string, actor: string): Promise<{ userId: string; result: CommandResult }> {
  const account = await deps.accounts.findByEmail(normalizeEmail(email));
  if (!account) throw new UnknownAccountError();
  const result = await sendIdentityCommand(deps, { actor, correlationId: `cli-${Date.now()}` }, 'GrantOperatorRole', { userId: account.userId });
  return { userId: account.userId, result };
}
