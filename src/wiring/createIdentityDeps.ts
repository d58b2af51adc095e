import type pg from 'pg';
import type { EventStore } from '../ports/eventStore';
import type { HandleCommand } from '../commands/handleCommand';
import { defaultIdentitySettings, type IdentityDeps, type IdentitySettings } from '../commands/identity/identityDeps';
import type { Config } from '../config';
import type { ProjectionDb } from '../projections/runtime/projection';
import { createUserDirectory } from '../projections/users/createUserDirectory';
import { checkPasswordStrength, defaultPasswordRules } from '../adapters/identity/checkPasswordStrength';
import { createLoginThrottle, type LoginThrottleOptions } from '../adapters/identity/createLoginThrottle';
import { createPostgresAccountStore } from '../adapters/identity/createPostgresAccountStore';
import { createPostgresApiKeyStore } from '../adapters/identity/createPostgresApiKeyStore';
import { createPostgresOneTimeTokenStore } from '../adapters/identity/createPostgresOneTimeTokenStore';
import { createPostgresSessionStore } from '../adapters/identity/createPostgresSessionStore';
import { createPostgresTokenVault } from '../adapters/identity/createPostgresTokenVault';
import { createRequestRateLimiter, type MailingLimits } from '../adapters/identity/createRequestRateLimiter';
import { createScryptPasswordHasher } from '../adapters/identity/createScryptPasswordHasher';
import { secretsKeyFromConfig } from './secretsKeyFromConfig';

export interface IdentityAdapterOptions {
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  handleCommand: HandleCommand;
  /** Schema of the identity tables (migrateIdentity). */
  schema: string;
  /** Read-model schema holding `users`. */
  readModelSchema: string;
  secretsKey: Buffer;
  settings?: Partial<IdentitySettings>;
  passwordMinLength?: number;
  scryptCost?: number;
  throttle?: Pick<LoginThrottleOptions, 'accountTiers' | 'ipTier'>;
  mailingLimits?: MailingLimits;
  now?: () => Date;
}

// The config defaults (src/config.ts), for callers that build identity without a config.
const defaultMailingLimits: MailingLimits = {
  register: { perIp: 20, perAddress: 5 }, 'password-reset': { perIp: 20, perAddress: 5 },
  'resend-verification': { perIp: 20, perAddress: 5 }, invite: { perIp: 50, perAddress: 5 },
};

/** Wires the identity use cases to PostgreSQL: the one call main.ts needs (after migrateIdentity). */
export function createIdentityDeps(options: IdentityAdapterOptions): IdentityDeps {
  const { pool, schema } = options;
  const rules = { ...defaultPasswordRules, ...(options.passwordMinLength ? { minLength: options.passwordMinLength } : {}) };
  return {
    handleCommand: options.handleCommand,
    store: options.store,
    accounts: createPostgresAccountStore(pool, schema),
    sessions: createPostgresSessionStore(pool, schema),
    apiKeys: createPostgresApiKeyStore(pool, schema),
    oneTimeTokens: createPostgresOneTimeTokenStore(pool, schema),
    vault: createPostgresTokenVault(pool, schema, options.secretsKey),
    throttle: createLoginThrottle({ pool, schema, ...options.throttle }),
    requestLimits: createRequestRateLimiter({ pool, schema, limits: options.mailingLimits ?? defaultMailingLimits }),
    hasher: createScryptPasswordHasher(options.scryptCost),
    users: createUserDirectory(options.db, options.readModelSchema),
    checkPassword: (password, context) => checkPasswordStrength(password, rules, context),
    settings: { ...defaultIdentitySettings, ...options.settings },
    now: options.now ?? (() => new Date()),
  };
}

/** Identity options from config. Without SECRETS_KEY only an explicit PLATFORM_DEV_MODE outside
 * production derives the fixed development key; otherwise nothing starts rather than encrypt with a
 * key everyone knows (docs/decisions/030). */
export function identityOptionsFromConfig(config: Config): Pick<IdentityAdapterOptions, 'schema' | 'readModelSchema' | 'secretsKey' | 'settings' | 'passwordMinLength' | 'scryptCost' | 'mailingLimits'> {
  return {
    schema: config.IDENTITY_SCHEMA,
    readModelSchema: config.READMODEL_SCHEMA,
    secretsKey: secretsKeyFromConfig(config),
    passwordMinLength: config.PASSWORD_MIN_LENGTH,
    scryptCost: config.PASSWORD_SCRYPT_COST,
    settings: {
      sessionIdleMs: config.SESSION_IDLE_HOURS * 3600_000,
      sessionMaxMs: config.SESSION_MAX_HOURS * 3600_000,
      passwordResetTtlMs: config.PASSWORD_RESET_TTL_MINUTES * 60_000,
      invitationTtlMs: config.INVITATION_TTL_HOURS * 3600_000,
      emailVerificationTtlMs: config.EMAIL_VERIFICATION_TTL_HOURS * 3600_000,
      verificationResendIntervalMs: config.EMAIL_VERIFICATION_RESEND_SECONDS * 1000,
      apiKeysPerUserMax: config.API_KEYS_PER_USER_MAX,
    },
    mailingLimits: {
      register: { perIp: config.REGISTRATIONS_PER_IP_HOURLY, perAddress: config.REGISTRATIONS_PER_ADDRESS_HOURLY },
      'password-reset': { perIp: config.PASSWORD_RESETS_PER_IP_HOURLY, perAddress: config.PASSWORD_RESETS_PER_ADDRESS_HOURLY },
      'resend-verification': { perIp: config.VERIFICATION_RESENDS_PER_IP_HOURLY, perAddress: config.VERIFICATION_RESENDS_PER_ADDRESS_HOURLY },
      invite: { perIp: config.INVITATIONS_PER_IP_HOURLY, perAddress: config.INVITATIONS_PER_ADDRESS_HOURLY },
    },
  };
}
