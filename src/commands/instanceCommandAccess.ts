import type { AccessRequest } from '../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const manage = (data: Data): AccessRequest => ({ kind: 'tenant', tenantId: String(data.tenantId), permission: 'instances:manage' });
const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of the instance commands over an ingress (spread into src/api/authorization/commandAccess).
 * Commands that name only an instance need its tenant: the AMQP ingress resolves it through
 * `tenantOfInstance` before asking the policy (see instanceCommandTenant). */
export const instanceCommandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  // An id of one's choosing would name the database, role, volume and container (docs/security.md,
  // finding 1): only the platform's own sagas (a clone) may give one; callers get an id derived from
  // their idempotency key.
  ProvisionInstance: (data) => (data.instanceId === undefined ? manage(data) : internal()),
  StartInstance: manage,
  StopInstance: manage,
  RestartInstance: manage,
  ResizeInstance: manage,
  UpdateInstance: manage,
  DeleteInstance: manage,
  // Reading or rotating the credentials hands out a secret: over HTTP only (owner/admin), never AMQP.
  RevealInstanceAdminCredentials: internal,
  RecordInstanceAdminPasswordRotated: internal,
  RecordInstanceUsage: internal,
  BeginInstanceBackupHold: internal,
  ReleaseInstanceBackupHold: internal,
  RecordInstanceProvisioned: internal,
  RecordInstanceProvisioningFailed: internal,
  RecordInstanceOperationCompleted: internal,
  RecordInstanceOperationFailed: internal,
  RecordInstanceHealth: internal,
};
