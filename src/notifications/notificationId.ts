import { v5 } from 'uuid';

// Fixed namespace: the id of a notification is a function of what it is about.
const namespace = 'b2f4a7c1-3e5d-4f60-8a9b-0c1d2e3f4a5b';

/** One id per (event, template, recipient): a redelivered event finds the notification it already
 * recorded, and the SMTP Message-ID built from it lets receivers drop a copy sent twice. */
export function notificationId(eventId: string, template: string, recipientKey: string): string {
  return v5(`${eventId}/${template}/${recipientKey}`, namespace);
}
