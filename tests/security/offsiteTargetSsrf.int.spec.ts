import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createS3BackupStorage } from '../../src/adapters/storage/createS3BackupStorage';
import { openTenantTargetStorage } from '../../src/adapters/storage/openTenantTargetStorage';
import type { TenantTargetLocation } from '../../src/ports/tenantBackupTarget';
import { InternalAddressError } from '../../src/adapters/storage/publicOnlyLookup';
import { startS3rver } from '../adapters/storage/startS3rver';
import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

/**
 * Issue 13 #8: a tenant's off-site target is a URL the platform connects to, with data. The endpoint
 * was checked once, when it was set; the S3 SDK then connected wherever DNS said at copy time, to a
 * virtual-hosted `<bucket>.<endpoint>` nobody checked, and told the tenant exactly why a connection
 * failed (refused, TLS, timeout): an internal port scanner with a write primitive.
 */
let s3: Awaited<ReturnType<typeof startS3rver>>;
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const port = () => Number(new URL(s3.settings.endpoint!).port);
const objectsInBucket = async () => {
  const view = createS3BackupStorage(s3.settings);
  try {
    return await view.list('');
  } finally {
    await view.close();
  }
};

beforeAll(async () => {
  s3 = await startS3rver('internal-data');
});
afterAll(() => s3?.close());

describe('connections to a tenant target go to public addresses only, whatever DNS says by then', () => {
  it('a host name that now resolves to loopback (DNS changed since the target was set) gets nothing', async () => {
    // `localhost` is what a rebinding name answers at copy time: 127.0.0.1, where s3rver stands in for an internal service.
    const location: TenantTargetLocation = { endpoint: `http://localhost:${port()}`, region: 'us-east-1', bucket: 'internal-data', prefix: '', forcePathStyle: true };
    const storage = openTenantTargetStorage(location, credentials, { quick: true, allowPrivateEndpoints: false });
    try {
      await expect(storage.put('exfiltrated', Readable.from([Buffer.from('tenant data')]))).rejects.toMatchObject({ code: 'EINTERNALADDRESS' });
      await expect(storage.list('')).rejects.toMatchObject({ code: 'EINTERNALADDRESS' });
    } finally {
      await storage.close();
    }
    expect(await objectsInBucket()).toEqual([]);
  });

  it('the virtual-hosted bucket host name is checked too, at connection time', async () => {
    const asked: string[] = [];
    const dns = async (hostname: string) => {
      asked.push(hostname);
      // The endpoint itself looks public; the bucket's own name points at the metadata service.
      return hostname === 'metadata.s3.tenant.example' ? [{ address: '169.254.169.254', family: 4 }] : [{ address: '203.0.113.10', family: 4 }];
    };
    const location: TenantTargetLocation = { endpoint: 'https://s3.tenant.example', region: 'us-east-1', bucket: 'metadata', prefix: '', forcePathStyle: false };
    const storage = openTenantTargetStorage(location, credentials, { quick: true, allowPrivateEndpoints: false, resolveAll: dns });
    try {
      await expect(storage.stat('latest/meta-data')).rejects.toBeInstanceOf(InternalAddressError);
    } finally {
      await storage.close();
    }
    expect(asked).toContain('metadata.s3.tenant.example');
  });

  it('an internal IP literal is refused before any connection', () => {
    const location: TenantTargetLocation = { endpoint: `https://[::ffff:127.0.0.1]:${port()}`, region: 'us-east-1', bucket: 'internal-data', prefix: '', forcePathStyle: true };
    expect(() => openTenantTargetStorage(location, credentials, { allowPrivateEndpoints: false })).toThrow(InternalAddressError);
  });
});

describe('setting a target tells the tenant nothing about why an endpoint could not be reached', () => {
  let platform: TestPlatform;
  let owner: SignedUpUser;
  let tenantId: string;
  const servers: Server[] = [];
  const listen = async (server: Server | ReturnType<typeof createTcpServer>) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    // Private endpoints allowed (as in development): the only way to reach test services here, and
    // the same code answers for public hosts in production.
    platform = await startTestPlatform('api', { BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS: 'true' });
    owner = await signUp(platform.url);
    const created = await fetch(`${platform.url}/api/v1/tenants`, { method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Prober Ltd' }) });
    tenantId = ((await created.json()) as { tenantId: string }).tenantId;
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.close();
    await platform?.stop();
  });

  it('a closed port, a service that hangs up and a plain-HTTP port spoken to in TLS all get the same answer', async () => {
    const released = createTcpServer();
    const closedPort = await listen(released);
    await new Promise((resolve) => released.close(resolve));
    const hangUp = createTcpServer((socket) => socket.destroy());
    const plain = createHttpServer((_req, res) => res.end('not S3'));
    servers.push(hangUp as unknown as Server, plain);
    const hangUpPort = await listen(hangUp);
    const plainPort = await listen(plain);
    const endpoints = [`http://127.0.0.1:${closedPort}`, `http://127.0.0.1:${hangUpPort}`, `https://127.0.0.1:${plainPort}`];
    const details = new Set<string>();
    for (const endpoint of endpoints) {
      const response = await fetch(`${platform.url}/api/v1/tenants/${tenantId}/backup-target`, {
        method: 'PUT', headers: { ...owner.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint, region: 'us-east-1', bucket: 'tenant-bucket', forcePathStyle: true, accessKeyId: 'AKIAPROBE', secretAccessKey: 'probe-secret-1' }),
      });
      expect(response.status).toBe(400);
      details.add(((await response.json()) as { detail: string }).detail);
    }
    expect([...details]).toHaveLength(1);
    expect([...details][0]).toMatch(/could not be written/);
    expect([...details][0]).not.toMatch(/ECONN|EPROTO|socket|TLS|SSL|timed? ?out/i);
  });
});
