import type { Config } from '../config';

const secretKeyNames = ['SECRETS_KEY', 'NOTIFY_UNSUBSCRIBE_KEY'] as const;

/** The secret keys missing from the config, for which the built-in development keys would be used.
 * Missing keys fail closed (docs/decisions/030): allowed only with PLATFORM_DEV_MODE=1, never in
 * production, where a key everyone can read in the source protects nothing. */
export function builtInSecretKeys(config: Pick<Config, 'SECRETS_KEY' | 'NOTIFY_UNSUBSCRIBE_KEY' | 'PLATFORM_DEV_MODE' | 'NODE_ENV'>): string[] {
  const missing = secretKeyNames.filter((name) => !config[name]);
  if (missing.length === 0) return [];
  const howTo = `set ${missing.join(' and ')} (32 random bytes, base64: openssl rand -base64 32)`;
  if (config.NODE_ENV === 'production') throw new Error(`Refusing to start in production without ${missing.join(' and ')}: ${howTo}`);
  if (!config.PLATFORM_DEV_MODE) {
    throw new Error(`Refusing to start without ${missing.join(' and ')}: ${howTo}, or set PLATFORM_DEV_MODE=1 to run on the built-in development keys`);
  }
  return missing;
}
