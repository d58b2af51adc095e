import { v7 } from 'uuid';
import type { VerificationRequest } from '../../domain/user/userCommands';
import type { UserRegistered } from '../../domain/user/userEvents';
import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { newAggregateId } from '../newAggregateId';
import type { CallContext, IdentityDeps } from './identityDeps';
import { EmailTakenError, WeakPasswordError } from './identityErrors';
import { issueSession, type IssuedSession } from './issueSession';
import { issueVerificationLink, newVerificationRequest } from './issueVerificationLink';
import { sendIdentityCommand } from './sendIdentityCommand';

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
 * welcome mail), then UserRegistered carrying its reference. The new user is signed in. */
export async function registerUser(deps: IdentityDeps, input: RegisterInput, context: Omit<CallContext, 'actor'>): Promise<{ userId: string; email: string; displayName: string; session: IssuedSession }> {
  const email = normalizeEmail(input.email);
  const verdict = deps.checkPassword(input.password, { email });
  if (!verdict.ok) throw new WeakPasswordError(verdict.reason);

  // A retried request (same Idempotency-Key) derives the same user id and finds its own row.
  const userId = context.commandId ? newAggregateId(context.commandId) : v7();
  const passwordHash = await deps.hasher.hash(input.password);
  if (!(await deps.accounts.insert({ userId, email, passwordHash }))) {
    const existing = await deps.accounts.findByEmail(email);
    if (existing && existing.userId !== userId) {
      const orphan = deps.now().getTime() - existing.createdAt.getTime() > orphanAfterMs
        && (await deps.store.readStream(`user-${existing.userId}`, { maxCount: 1 })).length === 0;
      if (!orphan) throw new EmailTakenError();
      await deps.accounts.removeOrphan(existing.userId);
      if (!(await deps.accounts.insert({ userId, email, passwordHash }))) throw new EmailTakenError();
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
    if ((await deps.store.readStream(`user-${userId}`, { maxCount: 1 })).length === 0) {
      await deps.accounts.removeOrphan(userId);
      await deps.vault.remove(verification.requestId);
    }
    throw error;
  }
  const session = await issueSession(deps, userId, input.client);
  return { userId, email, displayName, session };
}

async function recordedVerification(deps: IdentityDeps, userId: string): Promise<VerificationRequest | undefined> {
  const [first] = await deps.store.readStream(`user-${userId}`, { maxCount: 1 });
  return first?.type === 'UserRegistered' ? (first.data as UserRegistered['data']).verification : undefined;
}
