import { randomUUID } from 'node:crypto';
import { createCaddyRouter } from '../../src/adapters/router/createCaddyRouter';
import { DomainError } from '../../src/domain/shared/decider';
import { createInstanceRouter } from '../../src/adapters/router/createInstanceRouter';
import { getWithHost, startCaddy } from '../adapters/router/caddyProcess';
import { freePort } from '../support/freePort';
import { removeTestDockerResources } from '../support/docker';
import { instanceLeftovers } from './support/instanceLeftovers';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from './support/sagaTestWorld';

const mib = 1024 * 1024;

describe('lifecycle sagas on real Docker, PostgreSQL and Caddy', () => {
  let world: SagaWorld;
  let caddy: Awaited<ReturnType<typeof startCaddy>>;
  let listener: string;

  const send = (type: string, data: Record<string, unknown>, tenantId: string) =>
    world.handleCommand({ type, data, metadata: { commandId: randomUUID(), actor: 'user-test', correlationId: randomUUID(), tenantId } });
  const outcome = async (instanceId: string, done: string, skip = 0) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const events = (await world.store.readStream(`instance-${instanceId}`)).slice(skip);
      const found = events.find((e) => e.type === done || e.type === 'InstanceOperationFailed');
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${done} on ${instanceId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const streamLength = async (instanceId: string) => (await world.store.readStream(`instance-${instanceId}`)).length;
  /** Runs an operation through its saga and returns the outcome event's type. */
  const operate = async (type: string, done: string, instanceId: string, tenantId: string, extra: Record<string, unknown> = {}) => {
    const before = await streamLength(instanceId);
    await send(type, { instanceId, ...extra }, tenantId);
    return (await outcome(instanceId, done, before)).type;
  };
  // Caddy swaps servers on a config change; a request may still meet the old one for a moment.
  const throughCaddy = async (subdomain: string, expectRouted: boolean) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const answer = await getWithHost(listener, `${subdomain}.test.localhost`);
      const routed = answer.status === 200 && answer.body.includes('pass');
      if (routed === expectRouted || Date.now() > deadline) return routed;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('lifecycle'));
    await removeTestDockerResources(world.docker, world.names.suite);
    caddy = await startCaddy();
    const listen = `127.0.0.1:${await freePort()}`;
    listener = `http://${listen}/web/health`;
    const router = createInstanceRouter(
      createCaddyRouter({ adminUrl: caddy.adminUrl, serverName: 'platform', listen, automaticHttps: false }),
      world.adapter, { network: world.names.docker.network, httpPort: world.names.docker.httpPort },
    );
    await world.startWorker({ router });
    // Deletions take a final backup first: the backup sagas run beside the instance ones.
    await world.startBackupSagaWorker();
  });
  afterAll(async () => {
    await world.close();
    await caddy?.stop();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('stop, start, restart, live resize and delete, with the Caddy route following the state', async () => {
    const { instanceId, tenantId, subdomain } = await world.provision();
    expect((await outcome(instanceId, 'InstanceProvisioned')).type).toBe('InstanceProvisioned');
    expect(await throughCaddy(subdomain, true)).toBe(true);
    expect(await throughCaddy('someone-else', false)).toBe(false);

    expect(await operate('StopInstance', 'InstanceStopped', instanceId, tenantId)).toBe('InstanceStopped');
    expect(await world.adapter.inspect(instanceId)).toMatchObject({ exists: true, running: false });
    expect(await throughCaddy(subdomain, false)).toBe(false);
    // Not an empty answer: the address says the instance is stopped.
    const stoppedPage = await getWithHost(listener, `${subdomain}.test.localhost`);
    expect(stoppedPage).toMatchObject({ status: 503, body: expect.stringContaining('This Odoo is stopped') });
    // Asking again for the state it is in is a no-op, not an error; restarting a stopped one is refused.
    expect((await send('StopInstance', { instanceId }, tenantId)).nextExpectedVersion).toBe(await streamLength(instanceId) - 1);
    await expect(send('RestartInstance', { instanceId }, tenantId)).rejects.toMatchObject({ code: 'invalid-transition' });

    expect(await operate('StartInstance', 'InstanceStarted', instanceId, tenantId)).toBe('InstanceStarted');
    expect(await world.adapter.inspect(instanceId)).toMatchObject({ exists: true, running: true });
    expect(await throughCaddy(subdomain, true)).toBe(true);

    const beforeRestart = await world.adapter.inspect(instanceId);
    expect(await operate('RestartInstance', 'InstanceRestarted', instanceId, tenantId)).toBe('InstanceRestarted');
    const afterRestart = await world.adapter.inspect(instanceId);
    if (!beforeRestart.exists || !afterRestart.exists) throw new Error('container missing');
    expect(afterRestart.startedAt).not.toBe(beforeRestart.startedAt);
    expect(await throughCaddy(subdomain, true)).toBe(true);

    // Live: the very same container, still running, with the business plan's limits.
    expect(await operate('ResizeInstance', 'InstanceResized', instanceId, tenantId, { plan: 'business' })).toBe('InstanceResized');
    const resized = await world.adapter.inspect(instanceId);
    expect(resized).toMatchObject({ exists: true, running: true, id: afterRestart.id, startedAt: afterRestart.startedAt, limits: { memoryBytes: 192 * mib, nanoCpus: 1_000_000_000 } });
    const cgroupLimit = await world.docker.getContainer(`odoo-${instanceId}`).inspect();
    expect(cgroupLimit.HostConfig.Memory).toBe(192 * mib);

    expect(await operate('DeleteInstance', 'InstanceDeleted', instanceId, tenantId, { gracePeriodSeconds: 0, reason: 'test' })).toBe('InstanceDeleted');
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
    expect(await throughCaddy(subdomain, false)).toBe(false);
    await expect(send('StartInstance', { instanceId }, tenantId)).rejects.toMatchObject({ code: 'instance-deleted' });
  });

  it('refuses operations that do not fit the current state with the domain error', async () => {
    const { instanceId, tenantId } = await world.provision();
    // Still provisioning.
    await expect(send('StartInstance', { instanceId }, tenantId)).rejects.toMatchObject({ code: 'invalid-transition' });
    await expect(send('DeleteInstance', { instanceId, gracePeriodSeconds: 0, reason: 'x' }, tenantId)).rejects.toBeInstanceOf(DomainError);
    await outcome(instanceId, 'InstanceProvisioned');
    // A second operation while one is in flight.
    await send('StopInstance', { instanceId }, tenantId);
    await expect(send('ResizeInstance', { instanceId, plan: 'enterprise' }, tenantId)).rejects.toMatchObject({ code: 'operation-in-progress' });
    await outcome(instanceId, 'InstanceStopped');
    await expect(send('RestartInstance', { instanceId }, tenantId)).rejects.toMatchObject({ code: 'invalid-transition' });
    expect(await operate('DeleteInstance', 'InstanceDeleted', instanceId, tenantId, { gracePeriodSeconds: 0, reason: 'test' })).toBe('InstanceDeleted');
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });

  it('keeps the database and the volume of a deleted instance during its grace period, its address saying so', async () => {
    const { instanceId, tenantId, subdomain } = await world.provision();
    await outcome(instanceId, 'InstanceProvisioned');
    await send('DeleteInstance', { instanceId, gracePeriodSeconds: 3600, reason: 'test' }, tenantId);
    const deadline = Date.now() + 20_000;
    while (!(await world.store.readStream(`instance-${instanceId}`)).length || (await world.adapter.inspect(instanceId)).exists) {
      if (Date.now() > deadline) throw new Error('container not removed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await instanceLeftovers(world, instanceId)).toEqual(['volume', 'database', 'role', 'subdomain claim', 'secret']);
    expect((await world.store.readStream(`instance-${instanceId}`)).map((e) => e.type)).not.toContain('InstanceDeleted');
    expect(await getWithHost(listener, `${subdomain}.test.localhost`)).toMatchObject({ status: 503, body: expect.stringContaining('This Odoo has been deleted') });
  });
});
