import { createBusNames, type BusNames } from '../ports/busNames';

/** The bus's names from BUS_NAME_PREFIX, BUS_EVENTS_EXCHANGE and BUS_COMMAND_QUEUE. */
export function busNamesFromConfig(config: { BUS_NAME_PREFIX: string; BUS_EVENTS_EXCHANGE: string; BUS_COMMAND_QUEUE: string }): BusNames {
  return createBusNames({ prefix: config.BUS_NAME_PREFIX, eventsExchange: config.BUS_EVENTS_EXCHANGE, commandQueue: config.BUS_COMMAND_QUEUE });
}
