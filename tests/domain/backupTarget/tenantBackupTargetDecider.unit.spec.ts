import { NotFoundError } from '../../../src/domain/shared/decider';
import { tenantBackupTargetDecider } from '../../../src/domain/backupTarget/tenantBackupTargetDecider';
import type { TenantBackupTargetEvent, TenantBackupTargetSet } from '../../../src/domain/backupTarget/tenantBackupTargetEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec(tenantBackupTargetDecider);
const tenantId = '01900000-0000-7000-8000-000000000001';
const backupId = '01900000-0000-7000-8000-000000000002';
const instanceId = '01900000-0000-7000-8000-000000000003';
const target: TenantBackupTargetSet['data'] = {
  tenantId, endpoint: 'https://s3.example.com', region: 'eu-west-1', bucket: 'acme-backups', prefix: 'odoo/', forcePathStyle: true,
  credentialsRef: `backupTarget:${tenantId}:aaa`, accessKeyIdHint: '…WXYZ', setBy: 'user-1',
};
const set: TenantBackupTargetEvent = { type: 'TenantBackupTargetSet', data: target };

describe('Tenant backup target decider', () => {
  it('sets a target (no secret in the event: the credentials are a reference)', () => {
    spec.given([]).when({ type: 'SetTenantBackupTarget', data: target }).then([set]);
  });

  it('records nothing when the very same target is set again (a retried PUT)', () => {
    spec.given([set]).when({ type: 'SetTenantBackupTarget', data: { ...target, setBy: 'user-2' } }).then([]);
  });

  it('replaces a target with new credentials or another bucket', () => {
    const next = { ...target, bucket: 'other-bucket', credentialsRef: `backupTarget:${tenantId}:bbb` };
    spec.given([set]).when({ type: 'SetTenantBackupTarget', data: next }).then([{ type: 'TenantBackupTargetSet', data: next }]);
  });

  it('removes a target, naming the credentials to delete', () => {
    spec.given([set]).when({ type: 'RemoveTenantBackupTarget', data: { tenantId, removedBy: 'user-1' } })
      .then([{ type: 'TenantBackupTargetRemoved', data: { tenantId, credentialsRef: target.credentialsRef, removedBy: 'user-1' } }]);
  });

  it('cannot remove a target that is not set', () => {
    const removed: TenantBackupTargetEvent = { type: 'TenantBackupTargetRemoved', data: { tenantId, credentialsRef: target.credentialsRef, removedBy: 'user-1' } };
    spec.given([]).when({ type: 'RemoveTenantBackupTarget', data: { tenantId, removedBy: 'user-1' } }).thenThrows(NotFoundError);
    spec.given([set, removed]).when({ type: 'RemoveTenantBackupTarget', data: { tenantId, removedBy: 'user-1' } }).thenThrows(NotFoundError);
  });

  it('records copy outcomes as facts, whatever the target is now', () => {
    const ref = { tenantId, backupId, instanceId, endpoint: target.endpoint, bucket: target.bucket };
    const objects = [{ key: 'odoo/instances/x/y/manifest.json', size: 10, sha256: 'a'.repeat(64) }];
    spec.given([set]).when({ type: 'RecordBackupCopiedOffsite', data: { ...ref, objects } }).then([{ type: 'BackupCopiedOffsite', data: { ...ref, objects } }]);
    spec.given([]).when({ type: 'RecordBackupOffsiteCopyFailed', data: { ...ref, reason: 'NoSuchBucket' } })
      .then([{ type: 'BackupOffsiteCopyFailed', data: { ...ref, reason: 'NoSuchBucket' } }]);
  });
});
