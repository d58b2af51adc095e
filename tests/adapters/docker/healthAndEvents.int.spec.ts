import type Docker from 'dockerode';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import type { DockerEngine, ContainerEvent } from '../../../src/ports/dockerEngine';
import { ContainerExitedError, HealthTimeoutError } from '../../../src/ports/dockerEngineErrors';
import { instanceResourceNames } from '../../../src/domain/instance/instanceResourceNames';
import { createTestDocker, execInContainer, removeTestDockerResources, testDockerSettings, testInstanceSpec } from '../../support/docker';

const suite = 'dockerhealth';
let docker: Docker;
let adapter: DockerEngine;

beforeAll(async () => {
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
  adapter = createDockerAdapter(docker, testDockerSettings(suite, { healthTimeoutMs: 4000 }));
});

afterAll(async () => {
  await removeTestDockerResources(docker, suite);
});

async function runInstance(overrides: Parameters<typeof testInstanceSpec>[0] = {}) {
  const spec = testInstanceSpec(overrides);
  await adapter.ensureVolume(spec.instanceId, spec.tenantId);
  await adapter.ensureContainer(spec);
  await adapter.start(spec.instanceId);
  return spec;
}

async function until<T>(read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Docker adapter: health and events', () => {
  it('waitForHealthy times out on an instance that never becomes healthy', async () => {
    const spec = await runInstance({ extraEnv: { STANDIN_UNHEALTHY: '1' } });
    const error = await adapter.waitForHealthy(spec.instanceId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthTimeoutError);
    // 404 from the stand-in; on a machine loaded by other test runs the last probe may have timed out
    expect((error as Error).message).toMatch(/HTTP 404|aborted due to timeout/);
  });

  it('waitForHealthy fails fast with OOMKilled when the instance dies of its memory limit', async () => {
    const spec = await runInstance({
      limits: { memoryBytes: 32 * 1024 * 1024, nanoCpus: 500_000_000 },
      extraEnv: { STANDIN_ALLOCATE_MB: '128' },
    });
    const error = await adapter.waitForHealthy(spec.instanceId, { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerExitedError);
    expect(error).toMatchObject({ oomKilled: true });
    expect([137, null]).toContain((error as ContainerExitedError).exitCode);
    // unless-stopped restarts it; stop it so the test does not loop
    await adapter.stop(spec.instanceId);
  });

  it('follows start, die and oom events of labelled containers, with exit codes', async () => {
    const seen: ContainerEvent[] = [];
    const follower = await adapter.followEvents({ onEvent: (event) => seen.push(event) });
    try {
      const spec = await runInstance({ limits: { memoryBytes: 32 * 1024 * 1024, nanoCpus: 500_000_000 } });
      const name = instanceResourceNames(spec.instanceId).container;
      const ofInstance = (action: string) => () => seen.find((e) => e.action === action && e.labels['platform.instance'] === spec.instanceId);
      await until(ofInstance('start'));
      await adapter.waitForHealthy(spec.instanceId);

      // A real OOM: the stand-in allocates more than its limit on a trigger file
      await execInContainer(docker, name, ['sh', '-c', 'echo 128 > /var/lib/odoo/.standin-allocate-mb']);
      await until(ofInstance('oom'));
      const died = await until(ofInstance('die'));
      expect(died).toMatchObject({ exitCode: 137, name });
      await until(() => (seen.filter((e) => e.action === 'start' && e.labels['platform.instance'] === spec.instanceId).length >= 2 ? true : undefined));
      const observed = await adapter.inspect(spec.instanceId);
      expect(observed).toMatchObject({ exists: true, restartCount: 1 });

      // A kill from outside is a die with its signal's exit code
      await adapter.stop(spec.instanceId);
      await until(() => seen.filter((e) => e.action === 'die' && e.labels['platform.instance'] === spec.instanceId).length >= 2 || undefined);
      expect(seen.every((e) => e.labels['platform.test.suite'] === suite)).toBe(true);
      const positions = seen.map((e) => e.timeNano);
      expect(new Set(positions).size).toBe(positions.length);
    } finally {
      follower.stop();
    }
  });

  it('streams the data volume out and into another volume (backup/restore seam)', async () => {
    const spec = await runInstance();
    const name = instanceResourceNames(spec.instanceId).container;
    await execInContainer(docker, name, ['sh', '-c', 'mkdir -p /var/lib/odoo/filestore/db1 && echo attachment > /var/lib/odoo/filestore/db1/a.txt && dd if=/dev/urandom of=/var/lib/odoo/filestore/db1/big.bin bs=1M count=8 2>/dev/null']);

    const { readTar } = await import('../../support/docker');
    const original = await readTar(await adapter.getVolumeArchive(spec.instanceId));
    expect(original.get('filestore/db1/a.txt')?.toString()).toBe('attachment\n');
    expect(original.get('filestore/db1/big.bin')?.length).toBe(8 * 1024 * 1024);

    const copy = testInstanceSpec();
    await adapter.ensureVolume(copy.instanceId, copy.tenantId);
    await adapter.putVolumeArchive(copy.instanceId, await adapter.getVolumeArchive(spec.instanceId));
    const restored = await readTar(await adapter.getVolumeArchive(copy.instanceId));
    expect(restored.get('filestore/db1/a.txt')?.toString()).toBe('attachment\n');
    expect(restored.get('filestore/db1/big.bin')?.equals(original.get('filestore/db1/big.bin') as Buffer)).toBe(true);

    // helper containers are gone once the streams are consumed
    await new Promise((resolve) => setTimeout(resolve, 200));
    const helpers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['platform.volume-helper'] }) });
    expect(helpers.filter((c) => c.Labels['platform.test.suite'] === suite)).toEqual([]);
  });
});
