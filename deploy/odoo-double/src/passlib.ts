// passlib's pbkdf2_sha512 ("$pbkdf2-sha512$<rounds>$<ab64 salt>$<ab64 checksum>") and plaintext,
// as Odoo's CryptContext(['pbkdf2_sha512', 'plaintext'], pbkdf2_sha512__rounds=600_000) uses them.
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** Odoo 17/18's rounds. ODOO_DOUBLE_PBKDF2_ROUNDS (test-only) lowers it for new hashes. */
export function defaultRounds(): number {
  const override = Number(process.env.ODOO_DOUBLE_PBKDF2_ROUNDS);
  return Number.isInteger(override) && override > 0 ? override : 600_000;
}

function ab64Encode(data: Buffer): string {
  return data.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
}

function ab64Decode(text: string): Buffer {
  return Buffer.from(text.replace(/\./g, '+'), 'base64');
}

const PBKDF2_RE = /^\$pbkdf2-sha512\$(\d+)\$([A-Za-z0-9./]*)\$([A-Za-z0-9./]+)$/;

export function isPbkdf2Hash(stored: string): boolean {
  return PBKDF2_RE.test(stored);
}

export async function hashPassword(password: string, rounds = defaultRounds()): Promise<string> {
  const salt = randomBytes(16);
  const checksum = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, rounds, 64, 'sha512');
  return `$pbkdf2-sha512$${rounds}$${ab64Encode(salt)}$${ab64Encode(checksum)}`;
}

/** Verifies against a pbkdf2_sha512 hash, or compares as plaintext (passlib's fallback scheme). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored || !password) return false;
  const m = PBKDF2_RE.exec(stored);
  if (!m) {
    const a = Buffer.from(password, 'utf8');
    const b = Buffer.from(stored, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const rounds = Number(m[1]);
  const expected = ab64Decode(m[3]!);
  if (!rounds || expected.length === 0) return false;
  const actual = await pbkdf2Async(Buffer.from(password, 'utf8'), ab64Decode(m[2]!), rounds, expected.length, 'sha512');
  return timingSafeEqual(actual, expected);
}
