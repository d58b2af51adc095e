/** RabbitMQ direct reply-to: the broker rewrites `amq.rabbitmq.reply-to` into
 * `amq.rabbitmq.reply-to.<token>` naming the publisher's own channel, so a reply can only go back to
 * whoever sent the command. Any other queue name could be someone else's (docs/decisions/027). */
export function isDirectReplyTo(replyTo: unknown): replyTo is string {
  return typeof replyTo === 'string' && /^amq\.rabbitmq\.reply-to(\.[A-Za-z0-9+/=._-]+)?$/.test(replyTo);
}
