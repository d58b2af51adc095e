import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const rounds = 600_000;

/** Odoo's `admin_passwd` as passlib's pbkdf2-sha512 hash (what Odoo itself writes when the master
 * password is set from the database manager): `$pbkdf2-sha512$<rounds>$<salt>$<checksum>`, both in
 * passlib's adapted base64 ('.' for '+', no padding). The plain password never reaches the container. */
export async function hashMasterPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const checksum = await promisify(pbkdf2)(password, salt, rounds, 64, 'sha512');
  return `$pbkdf2-sha512$${rounds}$${adaptedBase64(salt)}$${adaptedBase64(checksum)}`;
}

function adaptedBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
}
