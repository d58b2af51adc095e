// Ports of the identity use cases: the secret-holding tables live behind these, never in events.

export interface AccountRecord {
  userId: string;
  email: string;
  passwordHash: string;
}

export interface AccountStore {
  /** Inserts unless the email is taken; false when it is (the unique index decides, race-free). */
  insert(account: AccountRecord): Promise<boolean>;
  findByEmail(email: string): Promise<(AccountRecord & { createdAt: Date }) | null>;
  findById(userId: string): Promise<AccountRecord | null>;
  /** Drops an account whose registration never reached the event store (see registerUser). */
  removeOrphan(userId: string): Promise<void>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
}

export interface SessionRecord {
  sessionId: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionStore {
  create(session: { sessionId: string; userId: string; tokenHash: string; expiresAt: Date; absoluteExpiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void>;
  /** The live session for a token hash, its expiry slid forward (never past its absolute end). */
  touch(tokenHash: string, now: Date, idleMs: number): Promise<SessionRecord | null>;
  listActive(userId: string, now: Date): Promise<SessionRecord[]>;
  /** Revokes one session of this user; false when there is no such live session. */
  revoke(userId: string, sessionId: string, now: Date): Promise<boolean>;
  /** Revokes every live session of the user except `keep`; returns how many. */
  revokeAllExcept(userId: string, keep: string | null, now: Date): Promise<number>;
}

export interface ApiKeyRecord {
  keyId: string;
  tenantId: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyStore {
  /** False when the key id exists already (a retried request: its token was shown once). */
  create(key: { keyId: string; tenantId: string; name: string; scopes: string[]; createdBy: string; tokenHash: string }): Promise<boolean>;
  /** A non-revoked key by its hash, marking it used. */
  use(tokenHash: string, now: Date): Promise<ApiKeyRecord | null>;
  list(tenantId: string): Promise<ApiKeyRecord[]>;
  /** Unrevoked keys one person created, over all tenants (the per-user key quota). */
  countActiveCreatedBy(createdBy: string): Promise<number>;
  revoke(tenantId: string, keyId: string, now: Date): Promise<void>;
  /** Marks these keys of the tenant revoked (already revoked ones keep their time). */
  revokeMany(tenantId: string, keyIds: readonly string[], now: Date): Promise<void>;
}

export type OneTimeTokenPurpose = 'password-reset' | 'invitation' | 'email-verification';

export interface OneTimeTokenStore {
  /** False when a token with this id exists already (a retried request keeps the first token). */
  create(token: { tokenId: string; purpose: OneTimeTokenPurpose; subjectId: string; tokenHash: string; expiresAt: Date }): Promise<boolean>;
  /** Marks a valid (unused, unexpired) token used and returns it; null otherwise. Atomic: a token
   * raced by two requests is consumed by one. */
  consume(purpose: OneTimeTokenPurpose, tokenHash: string, now: Date): Promise<{ tokenId: string; subjectId: string } | null>;
  /** Ends every unused token of this purpose for this subject (a newer reset link, a changed
   * password): an older mail must not still work. */
  revokeAll(purpose: OneTimeTokenPurpose, subjectId: string, now: Date): Promise<void>;
  /** Looks without consuming (to check a new password before spending the token). */
  peek(purpose: OneTimeTokenPurpose, tokenHash: string, now: Date): Promise<{ tokenId: string; subjectId: string } | null>;
}

/** Raw tokens the notifier must mail (reset, invitation and verification links), encrypted at rest and keyed by the
 * reference the event carries. Nothing but the notifier reads them back. */
export interface TokenVault {
  put(reference: string, purpose: OneTimeTokenPurpose, rawToken: string, expiresAt: Date): Promise<void>;
  take(reference: string): Promise<string | null>;
  remove(reference: string): Promise<void>;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Requests that make the platform send mail to an address. */
export type MailingAction = 'register' | 'password-reset' | 'resend-verification' | 'invite';

/** Limits how often a mailing action may be asked for from one client IP and to one address. */
export interface RequestRateLimiter {
  /** Counts one request against the IP's and the address's budget of the action (the address as a
   * hash, never in clear); not allowed once either is spent. */
  consume(action: MailingAction, keys: { ip: string; addressKey: string }): Promise<ThrottleVerdict>;
}

export interface LoginThrottle {
  /** Spends one attempt of the account's and the IP's budgets before any password is looked at, in
   * one atomic step per counter: parallel guesses cannot all pass a check made before any of them
   * counted. Refused attempts say whether they started the block (to record it once). */
  reserve(accountKey: string, ip: string): Promise<ThrottleVerdict & { blockStarted?: boolean }>;
  /** The password was right (or the mailbox proved): the account's counters are cleared and the
   * IP's reserved attempt is given back (none when `ip` is null). */
  recordSuccess(accountKey: string, ip: string | null): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** The stored hash is weaker than what `hash` makes now (an older, cheaper cost). */
  needsRehash(stored: string): boolean;
  /** Spends the same time as a real verify, for unknown accounts (no enumeration by timing). */
  verifyDummy(password: string): Promise<false>;
}

/** Users known to the `users` read model (is-operator lookups on every request). */
export interface UserDirectory {
  isOperator(userId: string): Promise<boolean>;
  getUser(userId: string): Promise<{ userId: string; email: string; displayName: string; operator: boolean; createdAt: Date } | null>;
  findByEmail(email: string): Promise<{ userId: string } | null>;
}
