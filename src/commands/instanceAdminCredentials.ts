import type { OdooRpc } from '../ports/odooRpc';
import { generatePassword } from './generatePassword';
import type { SecretStore } from '../ports/secretStore';
import { instanceAdminPasswordReference, instanceDatabaseName } from '../sagas/instances/instanceDatabaseName';
import { rotateAdminPassword } from '../sagas/instances/replaceDefaultAdmin';

export interface InstanceAdminCredentialsDeps {
  secrets: SecretStore;
  /** XML-RPC to the instance's running Odoo. */
  odoo(instanceId: string): Promise<OdooRpc>;
}

/** The Odoo administrator's password: kept only in the secrets table, read for its owner, replaced
 * in the running Odoo first and in the table after (a failed call leaves both as they were). */
export function instanceAdminCredentials(deps: InstanceAdminCredentialsDeps) {
  return {
    read: (instanceId: string) => deps.secrets.read(instanceAdminPasswordReference(instanceId)),
    async rotate(instanceId: string, login: string): Promise<string> {
      const reference = instanceAdminPasswordReference(instanceId);
      const current = await deps.secrets.read(reference);
      if (current === null) throw new Error(`instance ${instanceId} has no administrator password on record`);
      const next = generatePassword();
      await rotateAdminPassword(await deps.odoo(instanceId), instanceDatabaseName(instanceId), login, current, next);
      await deps.secrets.replace(reference, next);
      return next;
    },
  };
}

export type InstanceAdminCredentials = ReturnType<typeof instanceAdminCredentials>;
