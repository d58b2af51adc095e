// Errors of the identity use cases; problemFromError maps each to its HTTP status. Messages never
// echo a password, token or whether an email has an account.

export class WeakPasswordError extends Error {
  constructor(readonly reason: string) {
    super(`Password rejected: ${reason}`);
    this.name = 'WeakPasswordError';
  }
}

/** Wrong email or password: one message for both, so it tells nothing about which. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super('Email or password is incorrect');
    this.name = 'InvalidCredentialsError';
  }
}

export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed logins; try again in ${retryAfterSeconds} s`);
    this.name = 'LoginThrottledError';
  }
}

/** A reset or invitation token that is unknown, used or expired (one answer for all three). */
export class InvalidTokenError extends Error {
  constructor() {
    super('This link is invalid or has expired');
    this.name = 'InvalidTokenError';
  }
}

export class UnauthenticatedError extends Error {
  constructor(detail = 'Sign in first (Authorization: Bearer <token>)') {
    super(detail);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ForbiddenError';
  }
}

/** Too many requests of a kind from this client or to this address (HTTP 429 with Retry-After). */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests of this kind; try again in ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}

/** A per-person limit reached, e.g. tenants or API keys created (HTTP 403 quota-exceeded). */
export class QuotaExceededError extends Error {
  constructor(readonly what: string, readonly limit: number) {
    super(`You have reached the limit of ${limit} ${what}; delete or revoke one first, or ask an operator`);
    this.name = 'QuotaExceededError';
  }
}

/** The person has not verified their email address yet (HTTP 403 email-not-verified). */
export class EmailNotVerifiedError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'EmailNotVerifiedError';
  }
}
