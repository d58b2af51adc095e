import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { tenantDecider } from '../../../src/domain/tenant/tenantDecider';
import type { TenantEvent } from '../../../src/domain/tenant/tenantEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec(tenantDecider);
const tenantId = '01900000-0000-7000-8000-000000000001';
const created: TenantEvent = { type: 'TenantCreated', data: { tenantId, name: 'Harare Hardware', createdBy: 'user-1' } };

describe('Tenant decider', () => {
  it('creates a tenant that does not exist', () => {
    spec.given([]).when({ type: 'CreateTenant', data: { tenantId, name: 'Harare Hardware', createdBy: 'user-1' } }).then([created]);
  });

  it('refuses to create a tenant twice', () => {
    spec.given([created]).when({ type: 'CreateTenant', data: { tenantId, name: 'Other', createdBy: 'user-2' } }).thenThrows(DomainError, /already exists/);
  });

  it('renames an active tenant', () => {
    spec.given([created]).when({ type: 'RenameTenant', data: { tenantId, name: 'Bulawayo Hardware' } })
      .then([{ type: 'TenantRenamed', data: { tenantId, name: 'Bulawayo Hardware' } }]);
  });

  it('records nothing when renaming to the same name', () => {
    spec.given([created]).when({ type: 'RenameTenant', data: { tenantId, name: 'Harare Hardware' } }).then([]);
  });

  it('cannot rename a tenant that does not exist', () => {
    spec.given([]).when({ type: 'RenameTenant', data: { tenantId, name: 'X' } }).thenThrows(NotFoundError);
  });

  it('soft-deletes with a reason', () => {
    spec.given([created]).when({ type: 'DeleteTenant', data: { tenantId, reason: 'customer left' } })
      .then([{ type: 'TenantDeleted', data: { tenantId, reason: 'customer left' } }]);
  });

  it('cannot rename or delete a deleted tenant', () => {
    const deleted: TenantEvent = { type: 'TenantDeleted', data: { tenantId, reason: 'gone' } };
    spec.given([created, deleted]).when({ type: 'RenameTenant', data: { tenantId, name: 'Y' } }).thenThrows(DomainError, /deleted/);
    spec.given([created, deleted]).when({ type: 'DeleteTenant', data: { tenantId, reason: 'again' } }).thenThrows(DomainError, /deleted/);
  });
});
