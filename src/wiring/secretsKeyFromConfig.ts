import { createHash } from 'node:crypto';
import type { Config } from '../config';
import { parseSecretsKey } from '../adapters/identity/encryptSecret';

/** SECRETS_KEY, or the fixed development key only when PLATFORM_DEV_MODE=1 outside production
 * (docs/decisions/030): a missing key fails closed. */
export function secretsKeyFromConfig(config: Pick<Config, 'SECRETS_KEY' | 'PLATFORM_DEV_MODE' | 'NODE_ENV'>): Buffer {
  if (config.SECRETS_KEY) return parseSecretsKey(config.SECRETS_KEY);
  if (!config.PLATFORM_DEV_MODE || config.NODE_ENV === 'production') {
    throw new Error('SECRETS_KEY is required (32 random bytes, base64); only PLATFORM_DEV_MODE=1 outside production runs on the built-in development key');
  }
  return createHash('sha256').update('development-only secrets key').digest();
}
