import { randomBytes } from 'node:crypto';

/** 32 random bytes as URL-safe base64: no quoting trouble in env vars or connection strings. */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}
