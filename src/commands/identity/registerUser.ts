import { v7 } from 'uuid';
import type { VerificationRequest } from '../../domain/user/userCommands';
import type { UserRegistered } from '../../domain/user/userEvents';
import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { newAggregateId } from '../newAggregateId';
import type { CallContext, IdentityDeps } from './identityDeps';
import { WeakPasswordError } from './identityErrors';
import { issueVerificationLink, newVerificationRequest } from './issueVerificationLink';
import { recordAuditEvent } from './recordAuditEvent';
import { sendIdentityCommand } from './sendIdentityCommand';
import { spendMailingBudget } from './spendMailingBudget';
import { userStream } from '../../domain/user/userStream';

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  client: { ip: string | null; userAgent: string | null };
}

// An account row whose UserRegistered never made it (crash in between) stops blocking its email
// after this long; younger rows may belong to a registration still in flight.
const orphanAfterMs = 60_000;

/** The account row (unique email) is written first, so two registrations of one address race on
 * the unique index, not on the event store; then the first email-verification token (vault, for the
 * welcome mail), then UserRegistered carrying its reference. Nobody is signed in here, and the caller
 * learns nothing: a new account and a taken email look the same (the account's owner hears of the
 * attempt through RegistrationAttemptedForExistingAccount), and a replayed request (same scoped
 * Idempotency-Key) issues no credential (docs/decisions/041). */
export async function registerUser(deps: IdentityDeps, input: RegisterInput, context: Omit<CallContext, 'actor'>): Promise<void> {
  const email = normalizeEmail(input.email);
  const verdict = deps.checkPassword(input.password, { email });
  if (!verdict.ok) throw new WeakPasswordError(verdict.reason);
  await spendMailingBudget(deps, 'register', input.client.ip, email);

  // A retried request (same Idempotency-Key) derives the same user id and finds its own row.
  const userId = context.commandId ? newAggregateId(context.commandId) : v7();
  // Hashed whether or not the email is taken: both answers take the same time.
  const passwordHash = await deps.hasher.hash(input.password);
  if (!(await deps.accounts.insert({ userId, email, passwordHash }))) {
    const existing = await deps.accounts.findByEmail(email);
    if (existing && existing.userId !== userId) {
      const orphan = deps.now().getTime() - existing.createdAt.getTime() > orphanAfterMs
        && (await deps.store.readStream(userStream(existing.userId), { maxCount: 1 })).length === 0;
      if (!orphan || !(await replaceOrphan(deps, existing.userId, { userId, email, passwordHash }))) {
        await recordTakenEmail(deps, existing.userId, input.client.ip, context.correlationId);
        return;
      }
    }
  }

  const displayName = input.displayName.trim();
  // A retry must send the same command (else the pipeline sees a reused key): the link it recorded.
  const verification = (context.commandId && (await recordedVerification(deps, userId))) || newVerificationRequest(deps, v7());
  await issueVerificationLink(deps, userId, verification);
  try {
    await sendIdentityCommand(deps, { ...context, actor: userId }, 'RegisterUser', { userId, email, displayName, verification });
  } catch (error) {
    // Without its event the account must not exist: it would block the email and log nobody in.
    if ((await deps.store.readStream(userStream(userId), { maxCount: 1 })).length === 0) {
      await deps.accounts.removeOrphan(userId);
      await deps.vault.remove(verification.requestId);
    }
    throw error;
  }
}

async function replaceOrphan(deps: IdentityDeps, orphanId: string, account: { userId: string; email: string; passwordHash: string }): Promise<boolean> {
  await deps.accounts.removeOrphan(orphanId);
  return deps.accounts.insert(account);
}

async function recordTakenEmail(deps: IdentityDeps, userId: string, ip: string | null, correlationId: string): Promise<void> {
  const day = deps.now().toISOString().slice(0, 10);
  await recordAuditEvent(deps, `registrationaudit-${day}`, {
    type: 'RegistrationAttemptedForExistingAccount', data: { day, userId, ip: ip ?? 'unknown' },
  }, correlationId);
}

async function recordedVerification(deps: IdentityDeps, userId: string): Promise<VerificationRequest | undefined> {
  const [first] = await deps.store.readStream(userStream(userId), { maxCount: 1 });
  return first?.type === 'UserRegistered' ? (first.data as UserRegistered['data']).verification : undefined;
}
