import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from './metrics';

const registers = [metricsRegistry];

export const relayPublishedTotal = new Counter({
  name: 'platform_bus_relay_published_total',
  help: 'Events published by the relay (republishes included)',
  labelNames: ['relay'] as const,
  registers,
});

export const relayConfirmedTotal = new Counter({
  name: 'platform_bus_relay_confirmed_total',
  help: 'Relay publishes confirmed by the broker',
  labelNames: ['relay'] as const,
  registers,
});

export const relayFailuresTotal = new Counter({
  name: 'platform_bus_relay_failures_total',
  help: 'Relay sessions that failed (nack, confirm timeout, channel lost) and restarted from the checkpoint',
  labelNames: ['relay', 'reason'] as const,
  registers,
});

export const relayLagSeconds = new Gauge({
  name: 'platform_bus_relay_lag_seconds',
  help: 'Age of the last event the relay checkpointed when it was checkpointed; 0 once caught up',
  labelNames: ['relay'] as const,
  registers,
});

export const relayActive = new Gauge({
  name: 'platform_bus_relay_active',
  help: '1 while this process holds the relay lock',
  labelNames: ['relay'] as const,
  registers,
});

export const consumerMessagesTotal = new Counter({
  name: 'platform_bus_consumer_messages_total',
  help: 'Messages taken off a group queue, by outcome: handled, duplicate, ignored, rejected (command refused with a problem), retried, dead_lettered',
  labelNames: ['group', 'outcome'] as const,
  registers,
});

export const redrivenTotal = new Counter({
  name: 'platform_bus_redriven_total',
  help: 'Dead-lettered messages moved back to their group queue',
  labelNames: ['group'] as const,
  registers,
});
