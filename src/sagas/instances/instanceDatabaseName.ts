/** `inst_<shortId>`, the instance's database and its role (ARCHITECTURE.md §7): the last 16 hex
 * digits of the id, its random part even for UUIDv7, so two instances created in the same
 * millisecond still differ. */
export function instanceDatabaseName(instanceId: string): string {
  return `inst_${instanceId.replace(/-/g, '').slice(-16).toLowerCase()}`;
}

export function instanceSecretReference(instanceId: string): string {
  return `instance-db-password:${instanceId}`;
}
