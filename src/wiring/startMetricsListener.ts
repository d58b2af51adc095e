import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { createMetricsApp } from '../api/http/createMetricsApp';
import type { Config } from '../config';
import { metricsRegistry } from '../observability/metrics';
import { listen } from './listen';

export interface MetricsListener {
  url: string;
  stop(): Promise<void>;
}

/** Every process serves its own metrics on METRICS_HOST:METRICS_PORT, apart from the API
 * (docs/decisions/031). Off loopback, anyone on that network could read them: a token is required. */
export async function startMetricsListener(config: Pick<Config, 'METRICS_HOST' | 'METRICS_PORT' | 'METRICS_TOKEN'>, logger: Logger): Promise<MetricsListener> {
  assertMetricsExposureAllowed(config);
  const app = createMetricsApp({ metrics: metricsRegistry, ...(config.METRICS_TOKEN ? { bearerToken: config.METRICS_TOKEN } : {}) });
  const { server, url } = await listen(app, config.METRICS_PORT, config.METRICS_HOST);
  logger.info({ url: `${url}/metrics`, bearerToken: config.METRICS_TOKEN !== undefined }, 'metrics listening');
  return {
    url,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Throws before anything starts when metrics would be reachable off the machine without a token. */
export function assertMetricsExposureAllowed(config: Pick<Config, 'METRICS_HOST' | 'METRICS_TOKEN'>): void {
  if (!config.METRICS_TOKEN && !isLoopback(config.METRICS_HOST)) {
    throw new Error(`METRICS_TOKEN is required when metrics listen on ${config.METRICS_HOST} (not a loopback address): the series name every instance`);
  }
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
