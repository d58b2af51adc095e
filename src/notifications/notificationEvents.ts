import type { NotificationCategory } from './notificationCategories';

// The notifier's audit trail, one `notification-<id>` stream per (event, recipient). No secret ever:
// no token, no link carrying one, no rendered body; the SMTP error is the server's answer only.
export type NotificationSent = {
  type: 'NotificationSent';
  data: NotificationFacts & { messageId: string; smtpResponse: string };
};
export type NotificationFailed = {
  type: 'NotificationFailed';
  data: NotificationFacts & {
    /** true: retrying cannot help (5xx, malformed address); false: retries ran out (4xx, outage). */
    permanent: boolean;
    error: { code: string | null; responseCode: number | null; message: string };
    attempt: number;
  };
};
/** Decided not to send: the recipient opted out, or the token to mail has expired already. */
export type NotificationSuppressed = { type: 'NotificationSuppressed'; data: NotificationFacts & { reason: 'opted-out' | 'token-expired' } };

export interface NotificationFacts {
  notificationId: string;
  template: string;
  category: NotificationCategory;
  /** The event the mail is about (its stream tells the rest). */
  eventId: string;
  eventType: string;
  /** null for people without an account (an invitee). */
  recipientUserId: string | null;
  to: string;
}

export type NotificationEvent = NotificationSent | NotificationFailed | NotificationSuppressed;
export const notificationEventTypes = ['NotificationSent', 'NotificationFailed', 'NotificationSuppressed'] as const satisfies readonly NotificationEvent['type'][];

/** Per-user opt-outs, on `notificationPreferences-<userId>`: the whole choice each time (last wins). */
export type NotificationPreferencesChanged = {
  type: 'NotificationPreferencesChanged';
  data: { userId: string; optedOut: NotificationCategory[]; via: 'settings' | 'unsubscribe-link' };
};
export const notificationPreferencesEventTypes = ['NotificationPreferencesChanged'] as const satisfies readonly NotificationPreferencesChanged['type'][];

export const notificationStreamName = (notificationId: string): string => `notification-${notificationId}`;
export const preferencesStreamName = (userId: string): string => `notificationPreferences-${userId}`;
