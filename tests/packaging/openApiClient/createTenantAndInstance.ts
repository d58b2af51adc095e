import createClient from 'openapi-fetch';
import type { paths } from './platformApi';

/** What an integrator writes with a client generated from /openapi.json: the test type-checks it
 * against the generated types and runs it against a platform. */
export async function createTenantAndInstance(baseUrl: string, token: string, adminEmail: string): Promise<{ tenantId: string; instanceId: string; tenantName: string }> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

  const created = await client.POST('/api/v1/tenants', { body: { name: 'Acme' } });
  if (!created.data) throw new Error(`createTenant: ${created.response.status} ${created.error?.detail ?? ''}`);
  const { tenantId, position } = created.data;

  // Read the write back: the query waits for the read model to reach the command's position.
  const tenant = await client.GET('/api/v1/tenants/{tenantId}', { params: { path: { tenantId }, query: { minPosition: position ?? undefined } } });
  if (!tenant.data) throw new Error(`getTenant: ${tenant.response.status} ${tenant.error?.detail ?? ''}`);

  const provisioned = await client.POST('/api/v1/instances', {
    params: { header: { 'Idempotency-Key': `provision-${tenantId}` } },
    body: { tenantId, name: 'Acme ERP', subdomain: `acme-${tenantId.slice(-8)}`, plan: 'starter', adminEmail },
  });
  if (!provisioned.data) throw new Error(`provisionInstance: ${provisioned.response.status} ${provisioned.error?.detail ?? ''}`);
  return { tenantId, instanceId: provisioned.data.instanceId, tenantName: tenant.data.name };
}
