import type { MessageProperties } from 'amqplib';
import { busHeaders } from './busHeaders';

/**
 * The broker user that published a message, as far as the broker vouches for it. RabbitMQ refuses
 * a publish whose `user_id` property is not the connection's own user, so `userId` names the
 * publisher. The platform's own copies (retries, dead letters, redrives) carry its own user id and
 * the first publisher in a header; that header counts only on a message the platform published
 * itself, because anyone else writing it would have to publish with the platform's user_id.
 * null: nobody vouched (no user_id).
 */
export function messagePublisher(properties: Pick<MessageProperties, 'userId' | 'headers'>, platformBrokerUser: string | undefined): string | null {
  const userId = typeof properties.userId === 'string' && properties.userId ? properties.userId : null;
  if (!userId) return null;
  if (platformBrokerUser === undefined || userId !== platformBrokerUser) return userId;
  const carried = properties.headers?.[busHeaders.publisher];
  return typeof carried === 'string' && carried ? carried : userId;
}
