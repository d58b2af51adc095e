import type Docker from 'dockerode';
import { createTestDocker } from '../../support/docker';
import { startInstancePlatform, type InstancePlatform } from '../../support/instancePlatform';
import { signUp, type SignedUpUser } from '../../support/signUp';
import type { TestPlatform } from '../../support/testPlatform';
import { identityKit, type IdentityKit, type Reply } from '../identity/identityKit';

// The whole platform (api + worker with the sagas and the health watcher) on real Docker and the
// instances cluster: a container killed from outside shows on GET /status as crashed, with its exit code.
describe('GET /api/v1/instances/{id}/status after a crash', () => {
  let world: InstancePlatform;
  let platform: TestPlatform;
  let kit: IdentityKit;
  let owner: SignedUpUser;
  let docker: Docker;

  /** Polls /status (bounded, no fixed sleeps) until `done` holds; returns the last answer. */
  const statusUntil = async (instanceId: string, done: (reply: Reply) => boolean, timeoutMs: number): Promise<Reply> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
      if (done(reply) || Date.now() > deadline) return reply;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    world = await startInstancePlatform('statuscrash', { INSTANCE_HEALTH_TIMEOUT_MS: '10000', INSTANCE_HEALTH_INTERVAL_MS: '250' });
    platform = world.platform;
    kit = identityKit(platform);
    owner = await signUp(platform.url);
    docker = createTestDocker();
  });
  afterAll(async () => {
    await kit?.close();
    await world?.stop();
  });

  it('shows the actual state and the health as crashed, with the exit code, once the container is killed', async () => {
    const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Crashing Co' }, owner.auth)).body.tenantId;
    const requested = await kit.call('POST', '/api/v1/instances',
      { tenantId, name: 'Crashing ERP', subdomain: `crash${process.pid}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
    expect(requested.status).toBe(202);
    const { instanceId } = requested.body;
    world.created.push(instanceId);

    const running = await statusUntil(instanceId, (r) => r.body?.desired?.status === 'running' || r.body?.desired?.status === 'failed', 30_000);
    expect(running.body).toMatchObject({
      desired: { status: 'running', pendingOperation: null }, actual: { running: true }, health: { status: 'healthy' },
    });

    await docker.getContainer(`odoo-${instanceId}`).kill();

    const crashed = await statusUntil(instanceId, (r) => r.body?.health?.status === 'crashed' && r.body?.actual?.running === false, 15_000);
    expect(crashed.status).toBe(200);
    expect(crashed.body).toMatchObject({
      instanceId,
      desired: { status: 'running' },
      actual: { container: 'exited', running: false, exitCode: 137, oomKilled: false },
      health: { status: 'crashed', detail: expect.stringContaining('137') },
    });
  });
});
