import { DomainError } from '../shared/decider';

/** Seconds until another verification link may be sent; 0 when it may be sent now. The interval is
 * the identity service's setting (one a minute by default: enough for "it did not arrive", too slow
 * to mail-bomb someone else's address through an account registered with it). */
export function verificationRetryAfterSeconds(lastRequestedAt: string | null, requestedAt: string, minIntervalSeconds: number): number {
  if (!lastRequestedAt) return 0;
  const wait = Date.parse(lastRequestedAt) + minIntervalSeconds * 1000 - Date.parse(requestedAt);
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** A resend within the interval (HTTP 429 with Retry-After on the resend route, 409 elsewhere). */
export class VerificationRequestedRecentlyError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('verification-requested-recently', `A verification link was sent a moment ago; try again in ${retryAfterSeconds} s`);
    this.name = 'VerificationRequestedRecentlyError';
  }
}
