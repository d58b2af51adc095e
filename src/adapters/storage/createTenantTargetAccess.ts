import type { S3Credentials, TenantTargetAccess, TenantTargetLocation } from '../../ports/tenantBackupTarget';
import { checkTargetEndpoint } from './checkTargetEndpoint';
import { describeTargetError } from './describeTargetError';
import { openTenantTargetStorage, type TenantTargetOptions } from './openTenantTargetStorage';
import { verifyBackupTarget } from './verifyBackupTarget';

/** Tenants' own S3 buckets; unless private endpoints are allowed, only public https endpoints. */
export function createTenantTargetAccess(options: Omit<TenantTargetOptions, 'allowPrivateEndpoints'> & { allowPrivateEndpoints: boolean }): TenantTargetAccess {
  const open = (location: TenantTargetLocation, credentials: S3Credentials) => openTenantTargetStorage(location, credentials, options);
  return {
    checkEndpoint: (endpoint) => checkTargetEndpoint(endpoint, options.allowPrivateEndpoints),
    open,
    async verify(location, credentials) {
      const storage = open(location, credentials);
      try {
        await verifyBackupTarget(storage);
      } finally {
        await storage.close();
      }
    },
    describeError: describeTargetError,
  };
}
