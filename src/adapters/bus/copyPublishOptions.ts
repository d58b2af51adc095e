import type { MessageProperties, Options } from 'amqplib';
import { busHeaders } from './busHeaders';
import { messagePublisher } from './messagePublisher';

/** The properties of a received message as options to publish a copy of it (retry, DLQ, redrive).
 * `expiration` is dropped because a copy must not vanish from a delay queue or DLQ on the
 * original's clock. The broker accepts a `userId` only from that very user, so the copy carries the
 * copier's own (`platformBrokerUser`, the connection's user) and the original publisher moves into
 * a header (messagePublisher); a header that nobody vouched for is removed, never passed on. */
export function copyPublishOptions(properties: MessageProperties, headers: Record<string, unknown>, platformBrokerUser?: string): Options.Publish {
  const publisher = messagePublisher(properties, platformBrokerUser);
  const copiedHeaders: Record<string, unknown> = { ...headers };
  if (publisher) copiedHeaders[busHeaders.publisher] = publisher;
  else delete copiedHeaders[busHeaders.publisher];
  const options: Options.Publish = { persistent: true, headers: copiedHeaders };
  if (platformBrokerUser) options.userId = platformBrokerUser;
  if (properties.contentType) options.contentType = properties.contentType;
  if (properties.contentEncoding) options.contentEncoding = properties.contentEncoding;
  if (properties.correlationId) options.correlationId = properties.correlationId;
  if (properties.replyTo) options.replyTo = properties.replyTo;
  if (properties.messageId) options.messageId = properties.messageId;
  if (properties.timestamp) options.timestamp = properties.timestamp;
  if (properties.type) options.type = properties.type;
  if (properties.appId) options.appId = properties.appId;
  return options;
}
