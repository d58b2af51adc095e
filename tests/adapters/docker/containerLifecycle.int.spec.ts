import type Docker from 'dockerode';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import type { DockerEngine } from '../../../src/ports/dockerEngine';
import { ContainerConfigMismatchError, ContainerNotFoundError } from '../../../src/ports/dockerEngineErrors';
import { instanceResourceNames } from '../../../src/domain/instance/instanceResourceNames';
import {
  createTestDocker,
  execInContainer,
  removeTestDockerResources,
  testDockerSettings,
  testInstanceSpec,
} from '../../support/docker';

const suite = 'dockerlifecycle';
let docker: Docker;
let adapter: DockerEngine;

beforeAll(async () => {
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
  adapter = createDockerAdapter(docker, testDockerSettings(suite));
});

afterAll(async () => {
  await removeTestDockerResources(docker, suite);
});

describe('Docker adapter: instance container lifecycle', () => {
  it('ensureNetwork and ensureVolume accept what exists', async () => {
    const spec = testInstanceSpec();
    await adapter.ensureNetwork(spec.tenantId);
    await adapter.ensureNetwork(spec.tenantId);
    await adapter.ensureVolume(spec.instanceId, spec.tenantId);
    await adapter.ensureVolume(spec.instanceId, spec.tenantId);
    expect(await adapter.volumeExists(spec.instanceId)).toBe(true);
    const volume = await docker.getVolume(instanceResourceNames(spec.instanceId).volume).inspect();
    expect(volume.Labels).toMatchObject({ 'platform.instance': spec.instanceId, 'platform.tenant': spec.tenantId });
    await adapter.removeVolume(spec.instanceId);
    await adapter.removeVolume(spec.instanceId);
    expect(await adapter.volumeExists(spec.instanceId)).toBe(false);
  });

  it('creates the container as specified, accepts it when equal, and refuses a different one', async () => {
    const spec = testInstanceSpec({ subdomain: 'acme' });
    await adapter.ensureVolume(spec.instanceId, spec.tenantId);
    expect((await adapter.ensureContainer(spec)).outcome).toBe('created');
    expect((await adapter.ensureContainer(spec)).outcome).toBe('existing');

    const names = instanceResourceNames(spec.instanceId);
    const info = await docker.getContainer(names.container).inspect();
    expect(info.Config.Image).toBe('platform-test/odoo-standin:latest');
    expect(info.Config.Env).toEqual(
      expect.arrayContaining(['HOST=host.docker.internal', 'PORT=5433', `USER=${spec.dbUser}`, `PASSWORD=${spec.dbPassword}`]),
    );
    expect(info.Config.Labels).toMatchObject({
      'platform.instance': spec.instanceId,
      'platform.tenant': spec.tenantId,
      'traefik.enable': 'true',
      [`traefik.http.routers.${names.traefikRouter}.rule`]: 'Host(`acme.test.localhost`) && !PathPrefix(`/web/database`) && !PathPrefix(`/xmlrpc/db`) && !PathPrefix(`/xmlrpc/2/db`)',
      [`traefik.http.services.${names.traefikRouter}.loadbalancer.server.port`]: '8069',
    });
    expect(info.HostConfig).toMatchObject({
      Memory: spec.limits.memoryBytes,
      NanoCpus: spec.limits.nanoCpus,
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      // The tenant's own network; hardened (finding 13 of docs/security.md).
      NetworkMode: `pt_dockerlifecycle_${process.pid}-${spec.tenantId}`,
      Init: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      PidsLimit: 1024,
    });
    expect(info.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Name: names.volume, Destination: '/var/lib/odoo' })]);

    const bigger = { ...spec, limits: { memoryBytes: 128 * 1024 * 1024, nanoCpus: 1_000_000_000 }, dbPassword: 'rotated' };
    const mismatch = await adapter.ensureContainer(bigger).catch((error: unknown) => error);
    expect(mismatch).toBeInstanceOf(ContainerConfigMismatchError);
    expect((mismatch as Error).message).toMatch(/memory .*nanoCpus|env PASSWORD/s);
    expect((mismatch as Error).message).not.toContain('rotated'); // env values (passwords) never in messages

    const recreating = createDockerAdapter(docker, testDockerSettings(suite, { onMismatch: 'recreate' }));
    expect((await recreating.ensureContainer(bigger)).outcome).toBe('recreated');
    const after = await adapter.inspect(spec.instanceId);
    expect(after.exists && after.limits).toEqual(bigger.limits);
  });

  it('start, stop, restart and remove are idempotent; updateLimits applies live', async () => {
    const spec = testInstanceSpec();
    await adapter.ensureVolume(spec.instanceId, spec.tenantId);
    await adapter.ensureContainer(spec);
    await adapter.start(spec.instanceId);
    await adapter.start(spec.instanceId);
    const health = await adapter.waitForHealthy(spec.instanceId);
    expect(health.url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:8069\/web\/health$/);

    await adapter.updateLimits(spec.instanceId, { memoryBytes: 96 * 1024 * 1024, nanoCpus: 250_000_000 });
    const resized = await adapter.inspect(spec.instanceId);
    expect(resized).toMatchObject({ running: true, limits: { memoryBytes: 96 * 1024 * 1024, nanoCpus: 250_000_000 } });
    await adapter.updateLimits(spec.instanceId, { memoryBytes: 256 * 1024 * 1024, nanoCpus: 2_000_000_000 });
    expect(await adapter.inspect(spec.instanceId)).toMatchObject({ limits: { memoryBytes: 256 * 1024 * 1024 } });

    await adapter.stop(spec.instanceId);
    await adapter.stop(spec.instanceId);
    expect(await adapter.inspect(spec.instanceId)).toMatchObject({ exists: true, running: false, status: 'exited' });

    await adapter.restart(spec.instanceId);
    expect(await adapter.inspect(spec.instanceId)).toMatchObject({ running: true });

    await adapter.remove(spec.instanceId);
    await adapter.remove(spec.instanceId);
    await adapter.stop(spec.instanceId);
    expect(await adapter.inspect(spec.instanceId)).toEqual({ exists: false, name: instanceResourceNames(spec.instanceId).container });
    await expect(adapter.start(spec.instanceId)).rejects.toBeInstanceOf(ContainerNotFoundError);
    expect(await adapter.volumeExists(spec.instanceId)).toBe(true); // the data outlives the container
    await adapter.removeVolume(spec.instanceId);
  });

  it('containers reach the instances PostgreSQL cluster through the configured DB host', async () => {
    const spec = testInstanceSpec();
    await adapter.ensureVolume(spec.instanceId, spec.tenantId);
    await adapter.ensureContainer(spec);
    await adapter.start(spec.instanceId);
    const name = instanceResourceNames(spec.instanceId).container;
    const probe = await execInContainer(docker, name, ['sh', '-c', 'nc -w 3 "$HOST" "$PORT" </dev/null && echo reached']);
    expect(probe).toEqual({ exitCode: 0, output: expect.stringContaining('reached') });
    await adapter.remove(spec.instanceId);
  });
});
