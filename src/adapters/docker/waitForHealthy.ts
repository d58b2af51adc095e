import type Docker from 'dockerode';
import { ContainerExitedError, ContainerNotFoundError, HealthTimeoutError } from '../../ports/dockerEngineErrors';
import { execHttp } from './execHttp';
import { inspectInstanceContainer } from './inspectInstanceContainer';
import type { ContainerObservation } from '../../ports/dockerEngine';
import { instanceAddress } from './instanceAddress';

export interface WaitForHealthyOptions {
  httpPort: number;
  /** Base name of the per-tenant networks: the container is reached on its tenant's. */
  network: string;
  timeoutMs: number;
  pollMs: number;
  healthAddress: 'container-ip' | 'container-name' | 'exec';
  path?: string;
}

/**
 * Polls Odoo's /web/health until it answers 2xx: over the network (published port, container IP or
 * name; the URL is returned) or, with healthAddress 'exec', by curl inside the container (no URL). Fails fast when the container exits (an OOM at boot
 * or a crash will not heal by waiting) and with HealthTimeoutError after timeoutMs.
 */
export async function waitForHealthy(docker: Docker, name: string, options: WaitForHealthyOptions): Promise<{ url: string | null; elapsedMs: number }> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let last: string;
  let firstRestartCount: number | null = null;
  for (;;) {
    const observed = await inspectInstanceContainer(docker, name, options.httpPort);
    if (!observed.exists) throw new ContainerNotFoundError(name);
    if (observed.status === 'exited' || observed.status === 'dead') {
      throw new ContainerExitedError(name, observed.exitCode, observed.oomKilled);
    }
    // With restart policy unless-stopped a crash shows up as "restarting" or, if we polled between
    // two looks, only as a higher RestartCount; Docker keeps OOMKilled but resets the exit code.
    firstRestartCount ??= observed.restartCount;
    if (observed.status === 'restarting' || observed.restartCount > firstRestartCount) {
      throw new ContainerExitedError(name, observed.status === 'restarting' ? observed.exitCode : null, observed.oomKilled);
    }
    if (observed.running && options.healthAddress === 'exec') {
      const remaining = deadline - Date.now();
      try {
        const { status } = await execHttp(docker, name, options.httpPort, { method: 'GET', path: options.path ?? '/web/health', timeoutMs: Math.max(1000, Math.min(2000, remaining)) });
        if (status >= 200 && status < 300) return { url: null, elapsedMs: Date.now() - started };
        last = `HTTP ${status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() + options.pollMs > deadline) throw new HealthTimeoutError(name, options.timeoutMs, last);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      continue;
    }
    const url = healthUrl(observed, name, options);
    if (observed.running && url) {
      const remaining = deadline - Date.now();
      try {
        // A redirect is not health: followed, it would make the platform fetch wherever the instance points.
        const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(100, Math.min(2000, remaining))) });
        await response.body?.cancel();
        if (response.ok) return { url, elapsedMs: Date.now() - started };
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = (error as Error).cause ? String((error as Error).cause) : String(error);
      }
    } else {
      last = `container ${observed.status}`;
    }
    if (Date.now() + options.pollMs > deadline) throw new HealthTimeoutError(name, options.timeoutMs, last);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

function healthUrl(observed: ContainerObservation, name: string, options: WaitForHealthyOptions): string | null {
  if (!observed.exists) return null;
  const path = options.path ?? '/web/health';
  // A published port is how a host without a route to the bridge reaches it (tests, caddy router).
  if (observed.publishedHttp) {
    const host = observed.publishedHttp.hostIp === '0.0.0.0' || observed.publishedHttp.hostIp === '' ? '127.0.0.1' : observed.publishedHttp.hostIp;
    return `http://${host}:${observed.publishedHttp.hostPort}${path}`;
  }
  if (options.healthAddress === 'container-name') return `http://${name}:${options.httpPort}${path}`;
  const ip = instanceAddress(observed, options.network);
  return ip ? `http://${ip}:${options.httpPort}${path}` : null;
}
