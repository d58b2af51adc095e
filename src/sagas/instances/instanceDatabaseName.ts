/** `inst_<32 hex digits>`, the instance's database and its role: the whole id, so no two instances
 * can ever share a name (a name from part of the id let a tenant aim a chosen id at another tenant's
 * database; docs/security.md, finding 1). 37 characters leave room under PostgreSQL's 63 for the
 * restore's suffixes (restoreResourceNames). */
export function instanceDatabaseName(instanceId: string): string {
  return `inst_${instanceId.replace(/-/g, '').toLowerCase()}`;
}

/** The mark on every role and database made for the instance (PostgresAdmin.ensureRole/ensureDatabase). */
export function instanceResourceMark(instanceId: string): string {
  return `platform-instance:${instanceId.toLowerCase()}`;
}

export function instanceSecretReference(instanceId: string): string {
  return `instance-db-password:${instanceId}`;
}

/** Odoo's master password (admin_passwd): only its hash reaches the container's config. */
export function instanceMasterPasswordReference(instanceId: string): string {
  return `instance-master-password:${instanceId}`;
}

/** The password of the instance's Odoo administrator (login = the instance's adminEmail). */
export function instanceAdminPasswordReference(instanceId: string): string {
  return `instance-admin-password:${instanceId}`;
}

/** Every secret an instance has, for its deletion. */
export function instanceSecretReferences(instanceId: string): string[] {
  return [instanceSecretReference(instanceId), instanceMasterPasswordReference(instanceId), instanceAdminPasswordReference(instanceId)];
}
