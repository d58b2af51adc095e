import { z } from 'zod';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion } from '../ports/eventStore';
import type { MailFailure, MailReceipt, Mailer } from '../ports/mailer';
import { isEssential } from './notificationCategories';
import { notificationStreamName, type NotificationEvent, type NotificationFacts } from './notificationEvents';
import { notificationId } from './notificationId';
import { notificationsTotal } from './notificationMetrics';
import { readNotificationPreferences } from './notificationPreferences';
import type { Recipient } from './notifierLookups';
import { mailTemplates, type MailTemplateName } from './templates/mailTemplates';
import { renderMail } from './templates/renderMail';
import { signUnsubscribeToken } from './unsubscribeToken';

export interface DeliveryDeps {
  store: EventStore;
  /** Already behind the SMTP circuit breaker. */
  mailer: Mailer;
  /** The transport's classification of a failed send (permanent or worth a retry). */
  describeFailure(error: unknown): MailFailure;
  appUrl: string;
  unsubscribeKey: Buffer;
  /** Domain part of Message-IDs. */
  messageIdDomain: string;
}

export interface DeliveryRequest {
  template: MailTemplateName;
  variables: Record<string, unknown>;
  recipient: Recipient;
  /** The event the mail is about. */
  source: { eventId: string; eventType: string; correlationId?: string; tenantId?: string };
  attempt: number;
  /** No retry follows a transient failure of this attempt: record it before giving up. */
  lastAttempt: boolean;
}

export type DeliveryOutcome = 'sent' | 'failed' | 'suppressed' | 'duplicate';

/** Thrown on a transient failure: the caller retries later (bus backoff, sweeper backoff). */
export class TransientDeliveryError extends Error {
  constructor(readonly failure: MailFailure) {
    super(`mail not delivered (transient): ${failure.code ?? ''} ${failure.message}`.trim());
    this.name = 'TransientDeliveryError';
  }
}

const address = z.email();
const finished = (events: Array<{ type: string; data: unknown }>) =>
  events.some((e) => e.type === 'NotificationSent' || e.type === 'NotificationSuppressed' || (e.type === 'NotificationFailed' && (e.data as { permanent: boolean }).permanent));

/**
 * One mail to one recipient, at most once per (event, template, recipient): the notification's own
 * stream says whether an earlier attempt got as far as recording an outcome. The one gap left is a
 * crash between the server's 250 and that record; the repeat then carries the same Message-ID.
 */
export async function deliverNotification(deps: DeliveryDeps, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const { template, recipient, source } = request;
  const id = notificationId(source.eventId, template, recipient.key);
  const stream = notificationStreamName(id);
  const history = await deps.store.readStream(stream);
  if (finished(history)) {
    notificationsTotal.inc({ template, outcome: 'duplicate' });
    return 'duplicate';
  }
  const expectedVersion: ExpectedVersion = history.length > 0 ? history[history.length - 1]!.streamPosition : 'no_stream';
  const category = mailTemplates[template].category;
  const facts: NotificationFacts = { notificationId: id, template, category, eventId: source.eventId, eventType: source.eventType, recipientUserId: recipient.userId, to: recipient.email };
  const record = (event: NotificationEvent) => recordOutcome(deps.store, stream, event, expectedVersion, source);

  const optional = !isEssential(category) && recipient.userId !== null;
  if (optional && (await readNotificationPreferences(deps.store, recipient.userId!)).optedOut.includes(category)) {
    await record({ type: 'NotificationSuppressed', data: { ...facts, reason: 'opted-out' } });
    notificationsTotal.inc({ template, outcome: 'suppressed' });
    return 'suppressed';
  }

  if (!address.safeParse(recipient.email).success) {
    await record({ type: 'NotificationFailed', data: { ...facts, permanent: true, attempt: request.attempt, error: { code: 'EADDRESS', responseCode: null, message: 'malformed recipient address' } } });
    notificationsTotal.inc({ template, outcome: 'failed_permanent' });
    return 'failed';
  }

  const unsubscribeUrl = optional ? link(deps.appUrl, '/api/v1/notifications/unsubscribe', signUnsubscribeToken(deps.unsubscribeKey, { userId: recipient.userId!, category })) : undefined;
  const mail = renderMail(template, request.variables, {
    recipientName: recipient.name,
    ...(unsubscribeUrl ? { unsubscribeUrl, preferencesUrl: new URL('/settings/notifications', deps.appUrl).toString() } : {}),
  });
  let receipt: MailReceipt;
  try {
    receipt = await deps.mailer.send({
      to: recipient.email, subject: mail.subject, html: mail.html, text: mail.text,
      messageId: `<${id}@${deps.messageIdDomain}>`,
      // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the link; opening
      // it by GET only asks (docs/decisions/046).
      headers: {
        'X-Notification-Id': id,
        ...(unsubscribeUrl ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
    });
  } catch (error) {
    const failure = deps.describeFailure(error);
    const { permanent, code, responseCode, message } = failure;
    if (permanent || request.lastAttempt) {
      await record({ type: 'NotificationFailed', data: { ...facts, permanent, attempt: request.attempt, error: { code, responseCode, message } } });
    }
    notificationsTotal.inc({ template, outcome: permanent ? 'failed_permanent' : 'failed_transient' });
    if (permanent) return 'failed';
    throw new TransientDeliveryError(failure);
  }
  // Outside the try: failing to record a delivered mail is not an SMTP failure (the retry resends
  // with the same Message-ID).
  await record({ type: 'NotificationSent', data: { ...facts, messageId: receipt.messageId, smtpResponse: receipt.response.slice(0, 500) } });
  notificationsTotal.inc({ template, outcome: 'sent' });
  return 'sent';
}

function link(base: string, path: string, token: string): string {
  const url = new URL(path, base);
  url.searchParams.set('token', token);
  return url.toString();
}

async function recordOutcome(store: EventStore, stream: string, event: NotificationEvent, expectedVersion: ExpectedVersion, source: DeliveryRequest['source']): Promise<void> {
  try {
    await store.appendToStream(stream, [{
      ...event,
      metadata: {
        actor: 'system:notifier', causationId: source.eventId, occurredAt: new Date().toISOString(), schemaVersion: 1,
        ...(source.correlationId ? { correlationId: source.correlationId } : {}), ...(source.tenantId ? { tenantId: source.tenantId } : {}),
      },
    }], { expectedVersion });
  } catch (error) {
    // Another delivery of the same event recorded its outcome first: that record stands.
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
}
