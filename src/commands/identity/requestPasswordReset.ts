import { setTimeout as sleep } from 'node:timers/promises';
import { v7 } from 'uuid';
import { normalizeEmail } from '../../domain/user/normalizeEmail';
import type { IdentityDeps } from './identityDeps';
import { generateToken, hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';
import { spendMailingBudget } from './spendMailingBudget';

/** Always answers the same, no sooner than a fixed floor: whether the email has an account is not
 * told by the answer nor by its timing. The event carries the reset's reference; the raw token goes
 * to the vault for the notifier only. */
export async function requestPasswordReset(deps: IdentityDeps, input: { email: string; ip: string | null }, correlationId: string): Promise<void> {
  const floor = sleep(deps.settings.resetRequestFloorMs);
  await spendMailingBudget(deps, 'password-reset', input.ip, input.email);
  const account = await deps.accounts.findByEmail(normalizeEmail(input.email));
  if (account) {
    const resetId = v7();
    const token = generateToken('passwordReset');
    const expiresAt = new Date(deps.now().getTime() + deps.settings.passwordResetTtlMs);
    // Only the newest link works: an older mail (forwarded, in a shared or leaked mailbox) is dead.
    await deps.oneTimeTokens.revokeAll('password-reset', account.userId, deps.now());
    await deps.oneTimeTokens.create({ tokenId: resetId, purpose: 'password-reset', subjectId: account.userId, tokenHash: hashToken(token), expiresAt });
    await deps.vault.put(resetId, 'password-reset', token, expiresAt);
    await sendIdentityCommand(deps, { actor: 'system:identity', correlationId }, 'RecordPasswordResetRequest', {
      userId: account.userId, resetId, expiresAt: expiresAt.toISOString(),
    });
  }
  await floor;
}
