import type { AccessRequest } from '../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of the backup target commands over an ingress (spread into src/api/authorization/commandAccess).
 * HTTP-only: the route verifies and encrypts the credentials on set, and deletes them on removal;
 * an AMQP body must not carry credentials, and a removal over AMQP would leave them stored. */
export const tenantBackupTargetCommandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  SetTenantBackupTarget: internal,
  RemoveTenantBackupTarget: internal,
  RecordBackupCopiedOffsite: internal,
  RecordBackupOffsiteCopyFailed: internal,
};
