import type { MessageProperties, Options } from 'amqplib';

/** The properties of a received message as options to publish a copy of it (retry, DLQ, redrive).
 * `userId` is dropped: the broker only accepts it from that very user, and `expiration` because a
 * copy must not vanish from a delay queue or DLQ on the original's clock. */
export function copyPublishOptions(properties: MessageProperties, headers: Record<string, unknown>): Options.Publish {
  const options: Options.Publish = { persistent: true, headers };
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
