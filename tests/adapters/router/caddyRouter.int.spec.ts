import type Docker from 'dockerode';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import type { DockerEngine } from '../../../src/ports/dockerEngine';
import { createCaddyRouter } from '../../../src/adapters/router/createCaddyRouter';
import { getWithHost, startCaddy } from './caddyProcess';
import { freePort } from '../../support/freePort';
import { createTestDocker, removeTestDockerResources, testDockerSettings, testInstanceSpec } from '../../support/docker';

const suite = 'caddyrouter';
let docker: Docker;
let adapter: DockerEngine;
let caddy: Awaited<ReturnType<typeof startCaddy>>;
let listenPort: number;

beforeAll(async () => {
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
  adapter = createDockerAdapter(docker, testDockerSettings(suite));
  caddy = await startCaddy();
  listenPort = await freePort();
});

afterAll(async () => {
  await caddy?.stop();
  await removeTestDockerResources(docker, suite);
});

async function runPublished() {
  const spec = testInstanceSpec({ publishHttp: { hostIp: '127.0.0.1' } });
  await adapter.ensureVolume(spec.instanceId, spec.tenantId);
  await adapter.ensureContainer(spec);
  await adapter.start(spec.instanceId);
  await adapter.waitForHealthy(spec.instanceId);
  const observed = await adapter.inspect(spec.instanceId);
  if (!observed.exists || !observed.publishedHttp) throw new Error('no published port');
  return { spec, upstream: `127.0.0.1:${observed.publishedHttp.hostPort}` };
}

/**
 * Caddy applies a config change by swapping servers on the same listener; for a moment the old server
 * may still take a connection. Routes take effect "at once" for a client only after that moment.
 */
async function eventually(url: string, host: string, expected: (body: string) => boolean): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const answer = await getWithHost(url, host);
    if (expected(answer.body) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const healthy = (body: string) => body.includes('pass');
const empty = (body: string) => body === '';

describe('Caddy router (real Caddy, real container)', () => {
  it('routes by Host header to the instance while the route exists', async () => {
    const router = createCaddyRouter({ adminUrl: caddy.adminUrl, serverName: 'platform', listen: `127.0.0.1:${listenPort}`, automaticHttps: false });
    const first = await runPublished();
    const second = await runPublished();
    const listener = `http://127.0.0.1:${listenPort}/web/health`;

    await router.addRoute(first.spec.instanceId, 'acme.test.localhost', first.upstream);
    await router.addRoute(first.spec.instanceId, 'acme.test.localhost', first.upstream); // idempotent
    await router.addRoute(second.spec.instanceId, 'beta.test.localhost', second.upstream);
    expect(await eventually(listener, 'acme.test.localhost', healthy)).toEqual({ status: 200, body: '{"status": "pass"}\n' });
    expect(await eventually(listener, 'beta.test.localhost', healthy)).toEqual({ status: 200, body: '{"status": "pass"}\n' });
    expect((await getWithHost(listener, 'other.test.localhost')).body).toBe('');

    // removed: Caddy gives its empty default answer (a stopped instance's route is removed by the saga)
    await router.removeRoute(first.spec.instanceId);
    await router.removeRoute(first.spec.instanceId);
    expect(await eventually(listener, 'acme.test.localhost', empty)).toEqual({ status: 200, body: '' });
    expect((await eventually(listener, 'beta.test.localhost', healthy)).body).toContain('pass');

    // a second router process finds the server already there and keeps existing routes
    const restarted = createCaddyRouter({ adminUrl: caddy.adminUrl, serverName: 'platform', listen: `127.0.0.1:${listenPort}`, automaticHttps: false });
    await restarted.addRoute(first.spec.instanceId, 'acme.test.localhost', first.upstream);
    expect((await eventually(listener, 'acme.test.localhost', healthy)).body).toContain('pass');
    expect((await eventually(listener, 'beta.test.localhost', healthy)).body).toContain('pass');
    const routes = (await (await fetch(`${caddy.adminUrl}/config/apps/http/servers/platform/routes`)).json()) as Array<{ '@id': string }>;
    expect(routes.map((r) => r['@id']).sort()).toEqual([`instance-${first.spec.instanceId}`, `instance-${second.spec.instanceId}`].sort());
  });
});
