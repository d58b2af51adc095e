/** What a mail is about, for opt-outs. Security and billing mails always go out (issue 8): a user
 * must learn of a password reset or an unpaid invoice whatever they chose. */
export const notificationCategories = {
  security: { essential: true, label: 'Security: password resets, email confirmation, invitations' },
  billing: { essential: true, label: 'Billing: invoices and payment problems' },
  account: { essential: false, label: 'Account: welcome and tips' },
  instances: { essential: false, label: 'Instances: ready, failed provisioning, deletion, restores' },
  alerts: { essential: false, label: 'Alerts: instance down, backup failures' },
} as const;

export type NotificationCategory = keyof typeof notificationCategories;

export const optionalCategories = (Object.keys(notificationCategories) as NotificationCategory[]).filter((c) => !notificationCategories[c].essential);

export function isEssential(category: NotificationCategory): boolean {
  return notificationCategories[category].essential;
}
