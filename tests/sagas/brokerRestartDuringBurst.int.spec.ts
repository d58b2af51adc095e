import { identityKit, type IdentityKit } from '../api/identity/identityKit';
import { createTestDocker } from '../support/docker';
import { startInstancePlatform, type InstancePlatform } from '../support/instancePlatform';
import { startPrivateRabbitNode, type PrivateRabbitNode } from '../support/privateRabbitNode';
import { signUp, type SignedUpUser } from '../support/signUp';

// Issue 14 A: the broker goes away (`rabbitmqctl stop_app`) in the middle of a burst of 20
// provisionings and comes back. Every saga still completes, and no step ran twice: Docker created
// each instance's init container and its container exactly once. The reconciler only takes
// triggers older than ten minutes, so each saga was started by its trigger through RabbitMQ.
describe('a broker restart during a burst of provisionings', () => {
  let broker: PrivateRabbitNode;
  let world: InstancePlatform;
  let kit: IdentityKit;
  let owner: SignedUpUser;
  let tenantId: string;

  beforeAll(async () => {
    broker = await startPrivateRabbitNode('burst');
    world = await startInstancePlatform('brokerburst', {
      BUS_ENABLED: 'true', AMQP_URL: broker.url, AMQP_RECONNECT_SECONDS: '0.5',
      SAGA_RECONCILE_AFTER_MS: '600000', SAGA_RECONCILE_INTERVAL_MS: '1000', USAGE_METER_INTERVAL_MS: '0',
    });
    await world.platform.busReady();
    kit = identityKit(world.platform);
    owner = await signUp(world.platform.url);
    tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Burst Co' }, owner.auth)).body.tenantId;
  }, 180_000);
  afterAll(async () => {
    await kit?.close();
    await world?.stop();
    await broker?.shutdown();
  });

  it('all 20 complete and Docker created each container once', async () => {
    const creates = await recordContainerCreates();
    const provision = async (index: number) => {
      const reply = await kit.call('POST', '/api/v1/instances',
        { tenantId, name: `Burst ${index}`, subdomain: `burst${index}p${process.pid}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
      expect(reply.status).toBe(202);
      world.created.push(reply.body.instanceId);
      return reply.body.instanceId as string;
    };
    const ids: string[] = [];
    for (let index = 0; index < 8; index += 1) ids.push(await provision(index));
    await broker.stopApp();
    // Commands still land in the event store while the broker is away; the relay publishes them later.
    for (let index = 8; index < 14; index += 1) ids.push(await provision(index));
    await broker.startApp();
    for (let index = 14; index < 20; index += 1) ids.push(await provision(index));

    const outcome = async (instanceId: string) => {
      for (const deadline = Date.now() + 400_000; ;) {
        const events = await world.platform.store.readStream(`instance-${instanceId}`);
        const done = events.find((e) => e.type === 'InstanceProvisioned' || e.type === 'InstanceProvisioningFailed');
        if (done) return done.type;
        if (Date.now() > deadline) throw new Error(`instance ${instanceId}: ${events.map((e) => e.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    expect(await Promise.all(ids.map(outcome))).toEqual(ids.map(() => 'InstanceProvisioned'));

    const created = creates.stop(new Set(ids));
    for (const id of ids) expect([id, created.get(`odoo-${id}-init`), created.get(`odoo-${id}`)]).toEqual([id, 1, 1]);
    for (const id of ids) {
      const saga = await world.platform.store.readStream(`saga-provisionInstance-${id}`);
      expect(saga.filter((e) => e.type === 'SagaStarted')).toHaveLength(1);
      const steps = saga.filter((e) => e.type === 'SagaStepCompleted').map((e) => (e.data as { step: string }).step);
      expect(steps).toEqual([...new Set(steps)]);
    }
  }, 600_000);
});

/** Docker's own record of container creations, followed live from now: the engine keeps only its
 * last thousand or so events, and twenty instances' health checks fill that in seconds. */
async function recordContainerCreates(): Promise<{ stop(instanceIds: Set<string>): Map<string, number> }> {
  const docker = createTestDocker();
  const stream = (await docker.getEvents({ filters: JSON.stringify({ type: ['container'], event: ['create'] }) })) as NodeJS.ReadableStream & { destroy(): void };
  const seen: Array<{ name?: string; instanceId?: string }> = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const { name, 'platform.instance': instanceId } = (JSON.parse(line) as { Actor: { Attributes: Record<string, string> } }).Actor.Attributes;
      seen.push({ name, instanceId });
    }
  });
  return {
    stop(instanceIds) {
      stream.destroy();
      const counts = new Map<string, number>();
      for (const { name, instanceId } of seen) {
        if (name && instanceId && instanceIds.has(instanceId)) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      return counts;
    },
  };
}
