import { z } from 'zod';
import type { NotificationCategory } from '../notificationCategories';

const text = z.string().min(1).max(500);
const url = z.url();

interface MailTemplateEntry<Schema extends z.ZodType> {
  category: NotificationCategory;
  /** The variables the template may use; checked before rendering, so a missing one fails loudly
   * instead of mailing a hole. */
  schema: Schema;
  /** Variables for `mail preview` and the template tests. */
  sample: z.input<Schema>;
}

const entry = <Schema extends z.ZodType>(value: MailTemplateEntry<Schema>) => value;

/** Every mail the platform sends. A new mail = one entry here + `templates/<locale>/<name>.hbs`
 * (subject, html and text as inline partials); the event → mail mapping is notificationRules.ts. */
export const mailTemplates = {
  welcome: entry({
    category: 'account',
    // The verification link is absent for users registered before verification existed, and when its
    // token expired before the mail could go out (the mail then says how to get a new one).
    schema: z.strictObject({ displayName: text, dashboardUrl: url, verifyUrl: url.optional(), verifyExpiresAt: text.optional(), verificationPending: z.boolean() }),
    sample: {
      displayName: 'Tariro', dashboardUrl: 'https://app.example.test/', verificationPending: true,
      verifyUrl: 'https://app.example.test/verify-email?token=sample', verifyExpiresAt: '5 Mar 2026, 14:00 UTC',
    },
  }),
  emailVerification: entry({
    category: 'security',
    schema: z.strictObject({ displayName: text, verifyUrl: url, expiresAt: text }),
    sample: { displayName: 'Tariro', verifyUrl: 'https://app.example.test/verify-email?token=sample', expiresAt: '5 Mar 2026, 14:00 UTC' },
  }),
  passwordReset: entry({
    category: 'security',
    schema: z.strictObject({ displayName: text, resetUrl: url, expiresAt: text }),
    sample: { displayName: 'Tariro', resetUrl: 'https://app.example.test/reset-password?token=sample', expiresAt: '3 Mar 2026, 14:00 UTC' },
  }),
  // Registration answers 202 whether the address is free or taken (no enumeration); the owner of a
  // taken one hears of the attempt here instead.
  registrationAttempt: entry({
    category: 'security',
    schema: z.strictObject({ displayName: text, signInUrl: url, resetUrl: url }),
    sample: { displayName: 'Tariro', signInUrl: 'https://app.example.test/login', resetUrl: 'https://app.example.test/forgot-password' },
  }),
  invitation: entry({
    category: 'security',
    schema: z.strictObject({ tenantName: text, inviterName: text, role: z.enum(['admin', 'member']), acceptUrl: url, expiresAt: text }),
    sample: { tenantName: 'Mopane Traders', inviterName: 'Tariro', role: 'member', acceptUrl: 'https://app.example.test/invitations/accept?token=sample', expiresAt: '10 Mar 2026, 14:00 UTC' },
  }),
  instanceReady: entry({
    category: 'instances',
    schema: z.strictObject({ instanceName: text, url, loginUrl: url, adminLogin: z.string().min(1).max(320), credentialsUrl: url }),
    sample: {
      instanceName: 'Mopane ERP', url: 'https://mopane.odoo.example.test', loginUrl: 'https://mopane.odoo.example.test/web/login', adminLogin: 'tariro@example.test',
      credentialsUrl: 'https://app.example.test/api/v1/instances/0193a5c0-0000-7000-8000-000000000001/admin-credentials',
    },
  }),
  provisioningFailed: entry({
    category: 'instances',
    schema: z.strictObject({ instanceName: text, subdomain: text, reason: text, failedStep: text, dashboardUrl: url }),
    sample: { instanceName: 'Mopane ERP', subdomain: 'mopane', reason: 'the database server did not answer', failedStep: 'createDatabase', dashboardUrl: 'https://app.example.test/' },
  }),
  instanceUnhealthy: entry({
    category: 'alerts',
    schema: z.strictObject({ instanceName: text, url, condition: z.enum(['unhealthy', 'crashed']), since: text, minutes: z.number().nonnegative(), detail: text }),
    sample: { instanceName: 'Mopane ERP', url: 'https://mopane.odoo.example.test', condition: 'crashed', since: '3 Mar 2026, 14:00 UTC', minutes: 10, detail: 'exit code 137 (out of memory)' },
  }),
  diskQuota: entry({
    category: 'alerts',
    schema: z.strictObject({ instanceName: text, condition: z.enum(['nearQuota', 'overQuota']), usedGb: text, quotaGb: text, percent: z.number().nonnegative(), dashboardUrl: url }),
    sample: { instanceName: 'Mopane ERP', condition: 'nearQuota', usedGb: '8.4', quotaGb: '10.0', percent: 84, dashboardUrl: 'https://app.example.test/' },
  }),
  instanceDeleted: entry({
    category: 'instances',
    schema: z.strictObject({ instanceName: text, subdomain: text, reason: text, purgeAt: text, gracePeriod: text }),
    sample: { instanceName: 'Mopane ERP', subdomain: 'mopane', reason: 'requested by Tariro', purgeAt: '10 Mar 2026, 14:00 UTC', gracePeriod: '7 days' },
  }),
  backupFailed: entry({
    category: 'alerts',
    schema: z.strictObject({ instanceName: text, reason: text, dashboardUrl: url }),
    sample: { instanceName: 'Mopane ERP', reason: 'storage quota exceeded', dashboardUrl: 'https://app.example.test/' },
  }),
  backupVerificationFailed: entry({
    category: 'alerts',
    schema: z.strictObject({ instanceName: text, reason: text, dashboardUrl: url }),
    sample: { instanceName: 'Mopane ERP', reason: 'checksum mismatch on the database dump', dashboardUrl: 'https://app.example.test/' },
  }),
  restoreCompleted: entry({
    category: 'instances',
    schema: z.strictObject({ instanceName: text, url }),
    sample: { instanceName: 'Mopane ERP', url: 'https://mopane.odoo.example.test' },
  }),
  // Dunning (docs/decisions/052): one mail each at T-3, T and T+3 around the due day.
  paymentReminderBeforeDue: entry({
    category: 'billing',
    schema: z.strictObject({ instanceName: text, dueOn: text, invoiceUrl: url }),
    sample: { instanceName: 'Mopane ERP', dueOn: '14 Mar 2026', invoiceUrl: 'https://app.example.test/billing/invoices/0193a5c0-0000-7000-8000-000000000009' },
  }),
  paymentReminderDue: entry({
    category: 'billing',
    schema: z.strictObject({ instanceName: text, dueOn: text, invoiceUrl: url }),
    sample: { instanceName: 'Mopane ERP', dueOn: '14 Mar 2026', invoiceUrl: 'https://app.example.test/billing/invoices/0193a5c0-0000-7000-8000-000000000009' },
  }),
  paymentReminderOverdue: entry({
    category: 'billing',
    schema: z.strictObject({ instanceName: text, dueOn: text, suspendOn: text, invoiceUrl: url }),
    sample: { instanceName: 'Mopane ERP', dueOn: '14 Mar 2026', suspendOn: '21 Mar 2026', invoiceUrl: 'https://app.example.test/billing/invoices/0193a5c0-0000-7000-8000-000000000009' },
  }),
} as const;

export type MailTemplateName = keyof typeof mailTemplates;
export type MailVariables<Name extends MailTemplateName> = z.input<(typeof mailTemplates)[Name]['schema']>;

export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(mailTemplates, name);
}
