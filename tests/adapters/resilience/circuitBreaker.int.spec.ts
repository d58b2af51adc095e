import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import { createDockerClient } from '../../../src/adapters/docker/createDockerClient';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import type { PostgresAdmin } from '../../../src/ports/postgresAdmin';
import { BreakerOpenError } from '../../../src/adapters/resilience/breakerOpenError';
import { createCircuitBreaker, type CircuitBreakerOptions } from '../../../src/adapters/resilience/createCircuitBreaker';
import { guardDockerAdapter } from '../../../src/adapters/resilience/guardDockerAdapter';
import { guardPostgresAdmin } from '../../../src/adapters/resilience/guardPostgresAdmin';
import { metricsRegistry } from '../../../src/observability/metrics';
import { createTestDocker, testDockerSettings } from '../../support/docker';
import { testInstanceAdminUrl, testInstanceDbName } from '../../support/instancesDb';
import { freePort } from '../../support/freePort';

// Real failures only: a port nobody listens on, a Docker socket that does not exist.
const options: CircuitBreakerOptions = { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 300, callTimeoutMs: 5000 };

async function gaugeValue(breaker: string): Promise<number | undefined> {
  const metric = await metricsRegistry.getSingleMetric('platform_circuit_breaker_state')?.get();
  return metric?.values.find((v) => v.labels.breaker === breaker)?.value;
}

const admins: PostgresAdmin[] = [];
afterAll(async () => {
  await Promise.all(admins.map((a) => a.close()));
});

describe('circuit breakers around the infrastructure adapters', () => {
  it('opens after real connection failures to PostgreSQL, refuses calls without trying, and closes after a good trial', async () => {
    const breaker = createCircuitBreaker('test-instances-db', options);
    const down = createPostgresAdmin(`postgres://platform_admin@127.0.0.1:${await freePort()}/postgres`);
    const up = createPostgresAdmin(testInstanceAdminUrl);
    admins.push(down, up);
    const guardedDown = guardPostgresAdmin(down, breaker);
    expect(await gaugeValue('test-instances-db')).toBe(0);

    for (let i = 0; i < 3; i += 1) {
      await expect(guardedDown.roleExists('inst_x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
    expect(breaker.state()).toBe('open');
    expect(await gaugeValue('test-instances-db')).toBe(2);
    const refused = await guardedDown.roleExists('inst_x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BreakerOpenError);
    expect(refused).toMatchObject({ breaker: 'test-instances-db', retryAfterMs: 300 });

    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(breaker.state()).toBe('halfOpen');
    expect(await gaugeValue('test-instances-db')).toBe(1);
    const guardedUp = guardPostgresAdmin(up, breaker);
    await expect(guardedUp.roleExists('platform_admin')).resolves.toBe(true);
    expect(breaker.state()).toBe('closed');
    expect(await gaugeValue('test-instances-db')).toBe(0);
    breaker.shutdown();
  });

  it('does not count answers of a healthy service (permission, conflict, not found) as failures', async () => {
    const breaker = createCircuitBreaker('test-instances-db-answers', options);
    const admin = createPostgresAdmin(testInstanceAdminUrl);
    admins.push(admin);
    const guarded = guardPostgresAdmin(admin, breaker);
    const role = testInstanceDbName();
    await guarded.ensureRole(role, 'a-Secret-1', `test:${role}`);
    try {
      for (let i = 0; i < 6; i += 1) {
        // platform_admin may not drop a database it is not a member of the owner of: 42501
        await expect(guarded.dropDatabase('postgres')).rejects.toMatchObject({ code: '42501' });
      }
      expect(breaker.state()).toBe('closed');
    } finally {
      await guarded.dropRole(role);
      breaker.shutdown();
    }
  });

  it('guards the Docker adapter: a missing engine opens the breaker; long calls stay outside it', async () => {
    const breaker = createCircuitBreaker('test-docker', options);
    const docker = createDockerAdapter(createDockerClient('/nonexistent/docker.sock'), testDockerSettings('resilience'));
    const guarded = guardDockerAdapter(docker, breaker);
    for (let i = 0; i < 3; i += 1) {
      await expect(guarded.inspect('0190f7e0-0000-7000-8000-000000000001')).rejects.toMatchObject({ code: 'ENOENT' });
    }
    await expect(guarded.start('0190f7e0-0000-7000-8000-000000000001')).rejects.toBeInstanceOf(BreakerOpenError);
    expect(guarded.waitForHealthy).toBe(docker.waitForHealthy);

    // the real engine's "no such container" is an answer, not an outage
    const realBreaker = createCircuitBreaker('test-docker-real', options);
    const real = guardDockerAdapter(createDockerAdapter(createTestDocker(), testDockerSettings('resilience')), realBreaker);
    for (let i = 0; i < 5; i += 1) {
      await expect(real.restart('0190f7e0-0000-7000-8000-000000000002')).rejects.toMatchObject({ name: 'ContainerNotFoundError' });
    }
    expect(realBreaker.state()).toBe('closed');
    breaker.shutdown();
    realBreaker.shutdown();
  });
});
