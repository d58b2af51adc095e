import type { OdooRpc } from '../../ports/odooRpc';
import { PermanentSagaError } from '../runtime/sagaErrors';

/**
 * After `-i base` Odoo's administrator is admin/admin. Sign in with the new credentials first (a
 * retried step already replaced them); otherwise sign in as admin/admin and write the new login and
 * password over XML-RPC. Neither working means someone else changed them: never guessed further.
 */
export async function replaceDefaultAdmin(odoo: OdooRpc, database: string, wanted: { login: string; password: string }): Promise<number> {
  const done = await odoo.authenticate(database, wanted.login, wanted.password);
  if (done !== null) return done;
  const uid = await odoo.authenticate(database, 'admin', 'admin');
  if (uid === null) throw new PermanentSagaError('neither the default nor the generated administrator credentials sign in to the new Odoo');
  // Odoo's write answers True or a fault: a retried step signs in with the new credentials above.
  await odoo.executeKw(database, uid, 'admin', 'res.users', 'write', [[uid], { login: wanted.login, email: wanted.login, password: wanted.password }]);
  return uid;
}

/** A new password for the administrator, signing in with the current one. */
export async function rotateAdminPassword(odoo: OdooRpc, database: string, login: string, current: string, next: string): Promise<void> {
  const uid = await odoo.authenticate(database, login, current);
  if (uid === null) throw new Error('the stored administrator password no longer signs in (changed inside Odoo?)');
  await odoo.executeKw(database, uid, current, 'res.users', 'write', [[uid], { password: next }]);
}
