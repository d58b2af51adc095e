/** The broker user an AMQP URL logs in as (amqplib's default is `guest`): the user_id the broker
 * accepts on this connection's publishes. */
export function brokerUserOf(amqpUrl: string): string {
  return decodeURIComponent(new URL(amqpUrl).username) || 'guest';
}
