import type { AccessRequest } from '../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of the backup target commands over an ingress (spread into src/api/authorization/commandAccess).
 * Setting is HTTP-only: the route verifies and encrypts the credentials, an AMQP body must not carry them. */
export const tenantBackupTargetCommandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  SetTenantBackupTarget: internal,
  RemoveTenantBackupTarget: (data) => ({ kind: 'tenant', tenantId: String(data.tenantId), permission: 'tenant:update' }),
  RecordBackupCopiedOffsite: internal,
  RecordBackupOffsiteCopyFailed: internal,
};
