import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

export interface PasswordRules {
  minLength: number;
  /** Bounds the work of one scrypt call an attacker can ask for. */
  maxLength: number;
}

export const defaultPasswordRules: PasswordRules = { minLength: 10, maxLength: 256 };

let commonPasswords: ReadonlySet<string> | null = null;

/** Loaded once, lazily: ~10k entries, a few hundred KB in memory. */
function loadCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(join(__dirname, 'commonPasswords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/** NIST 800-63B style: a minimum length and a blocklist of common passwords, no composition rules
 * (they push people to `Password1!`). The reason is shown to the user; it never echoes the password. */
export function checkPasswordStrength(password: string, rules: PasswordRules = defaultPasswordRules, context: { email?: string } = {}): PasswordVerdict {
  const length = [...password].length;
  if (length < rules.minLength) return { ok: false, reason: `must be at least ${rules.minLength} characters` };
  if (length > rules.maxLength) return { ok: false, reason: `must be at most ${rules.maxLength} characters` };
  const folded = password.normalize('NFKC').toLowerCase();
  if (loadCommonPasswords().has(folded)) return { ok: false, reason: 'is one of the most common passwords; choose another' };
  if (new Set(folded).size <= 2) return { ok: false, reason: 'repeats too few different characters' };
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && folded.includes(local)) return { ok: false, reason: 'must not contain your email address' };
  return { ok: true };
}
