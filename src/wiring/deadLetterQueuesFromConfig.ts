import { brokerUserOf } from '../adapters/bus/brokerUserOf';
import { busNamesFromConfig } from './busNamesFromConfig';
import { connectDeadLetterQueues } from '../adapters/bus/connectDeadLetterQueues';
import { amqpUrlWithVhost } from '../adapters/bus/createAmqpConnection';
import type { Config } from '../config';
import type { DeadLetterQueues } from '../ports/deadLetterQueues';

export type DeadLetterQueueConfig = Pick<Config, 'AMQP_URL' | 'AMQP_VHOST' | 'BUS_NAME_PREFIX' | 'BUS_EVENTS_EXCHANGE' | 'BUS_COMMAND_QUEUE' | 'RELAY_CONFIRM_TIMEOUT_MS'>;

/** The broker's dead-letter queues for the CLI's `dlq` verbs; the caller closes them. */
export function deadLetterQueuesFromConfig(config: DeadLetterQueueConfig): Promise<DeadLetterQueues> {
  return connectDeadLetterQueues({
    url: amqpUrlWithVhost(config.AMQP_URL, config.AMQP_VHOST),
    names: busNamesFromConfig(config),
    confirmTimeoutMs: config.RELAY_CONFIRM_TIMEOUT_MS,
    brokerUser: brokerUserOf(config.AMQP_URL),
  });
}
