/** Every exchange and queue name of the bus, derived from config in one place (docs/architecture.md, Bus). */
export interface BusNames {
  eventsExchange: string;
  /** Direct exchange every reliable queue dead-letters into, routing key = the group. */
  deadLetterExchange: string;
  commandQueue: string;
  /** Where publishers send commands (bound to the command queue): a broker user may write here
   * without write access to `amq.default`, which routes into any queue by name. */
  commandExchange: string;
  consumerQueue(group: string): string;
  /** One delay queue per backoff step: per-message TTLs in one queue would block behind the head. */
  retryQueue(group: string, delayMs: number): string;
  deadLetterQueue(group: string): string;
}

export interface BusNameSettings {
  prefix?: string;
  eventsExchange?: string;
  commandQueue?: string;
}

/** The command queue's group: its retry and dead-letter queues are `<prefix>.retry.commands.*` and `<prefix>.dlq.commands`. */
export const commandIngressGroup = 'commands';

/** The routing key of commands on the command exchange. */
export const commandRoutingKey = 'command';

export function createBusNames({ prefix = 'platform', eventsExchange = `${prefix}.events`, commandQueue = `${prefix}.commands` }: BusNameSettings = {}): BusNames {
  return {
    eventsExchange,
    deadLetterExchange: `${prefix}.dlx`,
    commandQueue,
    commandExchange: `${prefix}.command-ingress`,
    consumerQueue: (group) => `${prefix}.consumer.${group}`,
    retryQueue: (group, delayMs) => `${prefix}.retry.${group}.${delayMs}ms`,
    deadLetterQueue: (group) => `${prefix}.dlq.${group}`,
  };
}

/** The main queue of a group: the command ingress owns the command queue, event consumers their own. */
export function groupQueue(names: BusNames, group: string): string {
  return group === commandIngressGroup ? names.commandQueue : names.consumerQueue(group);
}
