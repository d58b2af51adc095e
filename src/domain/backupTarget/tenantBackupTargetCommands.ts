import type { BackupCopiedOffsite, BackupOffsiteCopyFailed, TenantBackupTargetSet } from './tenantBackupTargetEvents';

/** Sent by the HTTP route only, after it verified the credentials and stored them encrypted. */
export type SetTenantBackupTarget = { type: 'SetTenantBackupTarget'; data: TenantBackupTargetSet['data'] };
export type RemoveTenantBackupTarget = { type: 'RemoveTenantBackupTarget'; data: { tenantId: string; removedBy: string } };
// Reports of the backup saga's off-site step (internal).
export type RecordBackupCopiedOffsite = { type: 'RecordBackupCopiedOffsite'; data: BackupCopiedOffsite['data'] };
export type RecordBackupOffsiteCopyFailed = { type: 'RecordBackupOffsiteCopyFailed'; data: BackupOffsiteCopyFailed['data'] };

export type TenantBackupTargetCommand = SetTenantBackupTarget | RemoveTenantBackupTarget | RecordBackupCopiedOffsite | RecordBackupOffsiteCopyFailed;
