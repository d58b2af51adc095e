import type { DockerEngine } from '../../src/ports/dockerEngine';
import { ContainerExitedError, HealthTimeoutError } from '../../src/ports/dockerEngineErrors';
import { probeInstanceHealth } from '../../src/processes/probeInstanceHealth';

/**
 * Issue 13 #8: an instance runs the tenant's code, which answers the platform's /web/health probe.
 * Redirecting the probe to an address inside the platform's network made the probe's own error text
 * (ECONNREFUSED vs a TLS error vs an HTTP status) the tenant's healthDetail: a port scanner.
 */
const running = { exists: true, running: true, status: 'running', exitCode: 0, oomKilled: false } as unknown as Awaited<ReturnType<DockerEngine['inspect']>>;
const dockerFailingWith = (error: Error) => ({
  inspect: async () => running,
  waitForHealthy: async () => {
    throw error;
  },
}) as unknown as DockerEngine;

test('what the probe met after a redirect never reaches the tenant as text', async () => {
  const observations = [
    'TypeError: fetch failed (cause: Error: connect ECONNREFUSED 10.0.0.7:6379)',
    'TypeError: fetch failed (cause: Error: self-signed certificate)',
    'HTTP 401',
  ];
  const details = new Set<string>();
  for (const observation of observations) {
    const seen = await probeInstanceHealth(dockerFailingWith(new HealthTimeoutError('inst-x', 2000, observation)), 'x', 2000);
    expect(seen.health).toBe('unhealthy');
    details.add(seen.detail);
  }
  expect([...details]).toEqual(['/web/health did not answer with success within 2000 ms']);
});

test('a crash is described by the platform, not by the error', async () => {
  const seen = await probeInstanceHealth(dockerFailingWith(new ContainerExitedError('inst-secret-name', 137, true)), 'x', 2000);
  expect(seen).toEqual({ health: 'crashed', detail: 'container exited (exit code 137, OOMKilled)', exitCode: 137, oomKilled: true });
});
