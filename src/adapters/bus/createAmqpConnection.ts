import amqp, { type AmqpConnectionManager } from 'amqp-connection-manager';
import type { Logger } from 'pino';

export interface AmqpConnectionSettings {
  /** amqp://user:pass@host:port — may carry a vhost path, which `vhost` then replaces. */
  url: string;
  vhost: string;
  heartbeatSeconds?: number;
  reconnectSeconds?: number;
  /** Shown in the broker's connection list. */
  name?: string;
  logger?: Logger;
}

export function amqpUrlWithVhost(url: string, vhost: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(vhost)}`;
  return parsed.toString();
}

/** A self-healing connection: channels created from it re-run their setup after every reconnect.
 * The URL holds the password, so it is never logged; only the vhost is. */
export function createAmqpConnection(settings: AmqpConnectionSettings): AmqpConnectionManager {
  const manager = amqp.connect([amqpUrlWithVhost(settings.url, settings.vhost)], {
    heartbeatIntervalInSeconds: settings.heartbeatSeconds ?? 10,
    reconnectTimeInSeconds: settings.reconnectSeconds ?? 1,
    // Nagle's algorithm plus delayed ACKs held small frames (a command, its reply) back ~40 ms.
    connectionOptions: { noDelay: true, clientProperties: { connection_name: settings.name ?? 'control-plane' } },
  });
  const log = settings.logger?.child({ component: 'amqp', connection: settings.name, vhost: settings.vhost });
  manager.on('connect', () => log?.info('amqp connected'));
  manager.on('disconnect', ({ err }) => log?.warn({ reason: err?.message }, 'amqp disconnected; reconnecting'));
  manager.on('connectFailed', ({ err }) => log?.warn({ reason: err?.message }, 'amqp connect failed; retrying'));
  manager.on('blocked', ({ reason }) => log?.warn({ reason }, 'amqp connection blocked by the broker'));
  return manager;
}
