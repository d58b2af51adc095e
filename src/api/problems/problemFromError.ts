import { WrongExpectedVersionError } from '../../ports/eventStore';
import {
  CommandValidationError, ConcurrencyConflictError, IdempotencyKeyExpiredError, IdempotencyKeyReusedError, UnknownCommandTypeError, type FieldProblem,
} from '../../commands/commandErrors';
import {
  EmailNotVerifiedError, ForbiddenError, InvalidCredentialsError, InvalidTokenError, LoginThrottledError, QuotaExceededError, RateLimitedError,
  UnauthenticatedError, WeakPasswordError,
} from '../../commands/identity/identityErrors';
import { DomainError, NotFoundError } from '../../domain/shared/decider';

/** RFC 9457 problem details; `type` is stable per kind of error so clients can branch on it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldProblem[];
  /** weak-password: why, for the user. */
  reason?: string;
  /** login-throttled, rate-limited: also sent as Retry-After. */
  retryAfterSeconds?: number;
  /** quota-exceeded: the limit reached. */
  limit?: number;
  /** Internal errors: what to quote to support; the error itself is only in the log under it. */
  correlationId?: string;
}

export const problemTypeBase = 'https://errors.platform.local/';

/** Maps the pipeline's errors to problems, shared by HTTP and AMQP. Unknown errors become a 500
 * that reveals nothing of the internals (the cause is logged, never sent). */
export function problemFromError(error: unknown): Problem {
  if (error instanceof CommandValidationError) {
    return problem('validation', 'Invalid command', 400, error.message, { errors: error.fields });
  }
  if (error instanceof UnknownCommandTypeError) {
    return problem('unknown-command', 'Unknown command type', 400, error.message);
  }
  const identity = identityProblem(error);
  if (identity) return identity;
  if (error instanceof NotFoundError) {
    return problem('not-found', 'Not found', 404, error.message);
  }
  if (error instanceof DomainError) {
    return problem('invalid-transition', 'Not allowed in the current state', 409, error.message, { code: error.code });
  }
  if (error instanceof WrongExpectedVersionError || error instanceof ConcurrencyConflictError) {
    return problem('version-conflict', 'Concurrent modification', 409, `${error.message}; read the resource again and retry`);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return problem('idempotency-key-reused', 'Idempotency key reused', 422, error.message);
  }
  if (error instanceof IdempotencyKeyExpiredError) {
    return problem('idempotency-key-expired', 'Idempotency key expired', 422, error.message);
  }
  return problem('internal', 'Internal error', 500, 'Something went wrong on our side; it has been logged.');
}

function identityProblem(error: unknown): Problem | null {
  if (error instanceof UnauthenticatedError) return problem('unauthenticated', 'Not signed in', 401, error.message);
  if (error instanceof InvalidCredentialsError) return problem('invalid-credentials', 'Invalid credentials', 401, error.message);
  if (error instanceof ForbiddenError) return problem('forbidden', 'Forbidden', 403, error.message);
  if (error instanceof WeakPasswordError) return problem('weak-password', 'Password too weak', 400, error.message, { reason: error.reason });
  if (error instanceof InvalidTokenError) return problem('invalid-token', 'Invalid or expired link', 400, error.message);
  if (error instanceof LoginThrottledError) {
    return problem('login-throttled', 'Too many attempts', 429, error.message, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof RateLimitedError) return problem('rate-limited', 'Too many requests', 429, error.message, { retryAfterSeconds: error.retryAfterSeconds });
  if (error instanceof QuotaExceededError) return problem('quota-exceeded', 'Limit reached', 403, error.message, { limit: error.limit });
  if (error instanceof EmailNotVerifiedError) return problem('email-not-verified', 'Email address not verified', 403, error.message);
  return null;
}

export function problem(kind: string, title: string, status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `${problemTypeBase}${kind}`, title, status, detail, ...extra };
}
