import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { accountKey } from './accountKey';
import type { IdentityDeps } from './identityDeps';
import type { MailingAction } from '../../ports/identityStores';
import { RateLimitedError } from './identityErrors';

/** Counts a request that will make the platform mail `email` against the client IP's and the
 * address's hourly budget (docs/decisions/043), before any work: a flood costs no scrypt, token or
 * event, and nobody can mail-bomb an address through the platform. Throws RateLimitedError (429). */
export async function spendMailingBudget(deps: Pick<IdentityDeps, 'requestLimits'>, action: MailingAction, ip: string | null, email: string): Promise<void> {
  const verdict = await deps.requestLimits.consume(action, { ip: ip ?? 'unknown', addressKey: accountKey(normalizeEmail(email)) });
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
}
