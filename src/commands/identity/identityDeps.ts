import type { EventStore } from '../../ports/eventStore';
import type { HandleCommand } from '../handleCommand';
import type {
  AccountStore, ApiKeyStore, LoginThrottle, OneTimeTokenStore, PasswordHasher, RequestRateLimiter, SessionStore, TokenVault, UserDirectory,
} from '../../ports/identityStores';

export type PasswordCheck = (password: string, context: { email?: string }) => { ok: true } | { ok: false; reason: string };

export interface IdentitySettings {
  /** A session unused this long expires (sliding). */
  sessionIdleMs: number;
  /** A session ends this long after login however active it is. */
  sessionMaxMs: number;
  passwordResetTtlMs: number;
  invitationTtlMs: number;
  /** How long an email-verification link works. */
  emailVerificationTtlMs: number;
  /** At most one new verification link per user this often. */
  verificationResendIntervalMs: number;
  /** Floor on the answer time of a password-reset request, known email or not (no enumeration). */
  resetRequestFloorMs: number;
  /** Unrevoked API keys one person may have created (operators exempt). */
  apiKeysPerUserMax: number;
}

export const defaultIdentitySettings: IdentitySettings = {
  sessionIdleMs: 14 * 24 * 3600_000,
  sessionMaxMs: 90 * 24 * 3600_000,
  passwordResetTtlMs: 3600_000,
  invitationTtlMs: 7 * 24 * 3600_000,
  emailVerificationTtlMs: 48 * 3600_000,
  verificationResendIntervalMs: 60_000,
  resetRequestFloorMs: 250,
  apiKeysPerUserMax: 20,
};

/** Everything the identity use cases need, injected (main.ts wires the PostgreSQL adapters). */
export interface IdentityDeps {
  handleCommand: HandleCommand;
  store: EventStore;
  accounts: AccountStore;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  oneTimeTokens: OneTimeTokenStore;
  vault: TokenVault;
  throttle: LoginThrottle;
  /** Budgets of requests that send mail, per client IP and per address. */
  requestLimits: RequestRateLimiter;
  hasher: PasswordHasher;
  users: UserDirectory;
  checkPassword: PasswordCheck;
  settings: IdentitySettings;
  now(): Date;
}

/** Who triggered a use case, for command metadata. */
export interface CallContext {
  actor: string;
  correlationId: string;
  /** The caller's Idempotency-Key, when given. */
  commandId?: string;
}
