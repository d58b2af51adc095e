import type { RecordedEvent } from '../ports/eventStore';
import type { InstanceDeletionRequested, InstanceProvisioned, InstanceProvisioningFailed, InstanceUsageLevelChanged } from '../domain/instance/instanceEvents';
import type { SubscriptionPaymentReminded } from '../domain/billing/subscription/subscriptionEvents';
import { addDays } from '../domain/billing/calendarDays';
import type { MemberInvited } from '../domain/tenant/tenantMembershipEvents';
import type { RegistrationAttemptedForExistingAccount } from '../domain/user/registrationAuditEvents';
import type { EmailVerificationRequested, PasswordResetRequested, UserRegistered } from '../domain/user/userEvents';
import { formatDuration, formatMailDate } from './formatForMail';
import type { NotifierLookups, Recipient } from './notifierLookups';
import type { MailTemplateName } from './templates/mailTemplates';

export interface RuleSettings {
  /** The web app, for dashboard, reset and invitation links. */
  appUrl: string;
  /** `<scheme>://<subdomain>.<baseDomain>`, as the provisioning saga builds it. */
  instanceUrl(subdomain: string): string;
}

/** What one event turns into: its recipients and the template variables. `skip` means there is
 * nobody or nothing to mail about any more (a deleted user, a token already used or expired). */
export type MailPlan =
  | { kind: 'send'; recipients: Recipient[]; variables: Record<string, unknown>; tokenReference?: string; template?: MailTemplateName }
  | { kind: 'skip'; reason: 'token-expired' | 'no-recipient' | 'subject-gone' | 'not-notable' };

export interface NotificationRule {
  template: MailTemplateName;
  plan(event: RecordedEvent, lookups: NotifierLookups, settings: RuleSettings): Promise<MailPlan>;
}

const link = (base: string, path: string, query?: Record<string, string>) => {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url.toString();
};
const only = (recipient: Recipient | null): Recipient[] => (recipient ? [recipient] : []);
/** A calendar day (YYYY-MM-DD) as mails write dates: 14 Mar 2026. */
const mailDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Instance mails go to the owners and admins of the instance's tenant, from the read models. */
/** Bytes as a short decimal count of GB for a mail. */
function gigabytes(bytes: number): string {
  return (bytes / 1e9).toFixed(bytes < 1e9 ? 3 : 1);
}

function instanceRule(template: MailTemplateName, variables: (instance: NonNullable<Awaited<ReturnType<NotifierLookups['instance']>>>, event: RecordedEvent, settings: RuleSettings) => Record<string, unknown>): NotificationRule {
  return {
    template,
    async plan(event, lookups, settings) {
      const instance = await lookups.instance((event.data as { instanceId: string }).instanceId);
      if (!instance) return { kind: 'skip', reason: 'subject-gone' };
      return { kind: 'send', recipients: await lookups.tenantAdmins(instance.tenantId), variables: variables(instance, event, settings) };
    },
  };
}


/**
 * Event type → mail. The notifier consumer group binds exactly these types. Backups: the three
 * entries below go live as soon as the backups issue appends events of these names carrying
 * `instanceId` (and `reason` for the failures); a new mail is one template plus one entry here.
 */
export const notificationRules: Record<string, NotificationRule> = {
  UserRegistered: {
    template: 'welcome',
    async plan(event, lookups, settings) {
      const { userId, verification } = event.data as UserRegistered['data'];
      const user = await lookups.user(userId);
      const variables = { displayName: user?.name ?? '', dashboardUrl: link(settings.appUrl, '/'), verificationPending: Boolean(verification) };
      // The welcome goes out even when the link's token expired before the mail could (a new link is a click away).
      const token = user && verification ? await lookups.takeToken(verification.requestId) : null;
      if (!token) return { kind: 'send', recipients: only(user), variables };
      return {
        kind: 'send', recipients: only(user), tokenReference: verification!.requestId,
        variables: { ...variables, verifyUrl: link(settings.appUrl, '/verify-email', { token }), verifyExpiresAt: formatMailDate(verification!.expiresAt) },
      };
    },
  },
  EmailVerificationRequested: {
    template: 'emailVerification',
    async plan(event, lookups, settings) {
      const data = event.data as EmailVerificationRequested['data'];
      const user = await lookups.user(data.userId);
      const token = user ? await lookups.takeToken(data.requestId) : null;
      if (!token) return { kind: 'skip', reason: user ? 'token-expired' : 'no-recipient' };
      return {
        kind: 'send', recipients: [user!], tokenReference: data.requestId,
        variables: { displayName: user!.name, verifyUrl: link(settings.appUrl, '/verify-email', { token }), expiresAt: formatMailDate(data.expiresAt) },
      };
    },
  },
  PasswordResetRequested: {
    template: 'passwordReset',
    async plan(event, lookups, settings) {
      const data = event.data as PasswordResetRequested['data'];
      const user = await lookups.user(data.userId);
      const token = user ? await lookups.takeToken(data.resetId) : null;
      if (!token) return { kind: 'skip', reason: user ? 'token-expired' : 'no-recipient' };
      return {
        kind: 'send', recipients: [user!], tokenReference: data.resetId,
        variables: { displayName: user!.name, resetUrl: link(settings.appUrl, '/reset-password', { token }), expiresAt: formatMailDate(data.expiresAt) },
      };
    },
  },
  RegistrationAttemptedForExistingAccount: {
    template: 'registrationAttempt',
    async plan(event, lookups, settings) {
      const { userId } = event.data as RegistrationAttemptedForExistingAccount['data'];
      const user = await lookups.user(userId);
      if (!user) return { kind: 'skip', reason: 'no-recipient' };
      return {
        kind: 'send', recipients: [user],
        variables: { displayName: user.name, signInUrl: link(settings.appUrl, '/login'), resetUrl: link(settings.appUrl, '/forgot-password') },
      };
    },
  },
  MemberInvited: {
    template: 'invitation',
    async plan(event, lookups, settings) {
      const data = event.data as MemberInvited['data'];
      // The invitee has no account yet: the invitation itself is the only record of the address.
      const invitee: Recipient = { key: `email:${data.email}`, userId: null, email: data.email, name: data.email };
      const [token, tenantName, inviter] = await Promise.all([lookups.takeToken(data.invitationId), lookups.tenantName(data.tenantId), lookups.user(data.invitedBy)]);
      if (!token) return { kind: 'skip', reason: 'token-expired' };
      return {
        kind: 'send', recipients: [invitee], tokenReference: data.invitationId,
        variables: {
          tenantName: tenantName ?? 'a company', inviterName: inviter?.name ?? 'A colleague', role: data.role,
          acceptUrl: link(settings.appUrl, '/invitations/accept', { token }), expiresAt: formatMailDate(data.expiresAt),
        },
      };
    },
  },
  // The password is never in a mail: the mail says where an owner or admin reads it.
  InstanceProvisioned: instanceRule('instanceReady', (instance, event, settings) => {
    const data = event.data as InstanceProvisioned['data'];
    return {
      instanceName: instance.name, url: data.url, loginUrl: link(data.url, '/web/login'), adminLogin: data.adminLogin ?? instance.adminEmail,
      credentialsUrl: link(settings.appUrl, `/api/v1/instances/${data.instanceId}/admin-credentials`),
    };
  }),
  // Near (80 %) or over the plan's disk quota; back under it is not worth a mail.
  InstanceUsageLevelChanged: {
    template: 'diskQuota',
    async plan(event, lookups, settings) {
      const data = event.data as InstanceUsageLevelChanged['data'];
      if (data.level === 'ok') return { kind: 'skip', reason: 'not-notable' };
      return instanceRule('diskQuota', (instance) => ({
        instanceName: instance.name, condition: data.level, usedGb: gigabytes(data.usedBytes), quotaGb: gigabytes(data.quotaBytes),
        percent: Math.round((data.usedBytes / data.quotaBytes) * 100), dashboardUrl: link(settings.appUrl, '/'),
      })).plan(event, lookups, settings);
    },
  },
  InstanceProvisioningFailed: instanceRule('provisioningFailed', (instance, event, settings) => {
    const data = event.data as InstanceProvisioningFailed['data'];
    return { instanceName: instance.name, subdomain: instance.subdomain, reason: data.reason, failedStep: data.failedStep, dashboardUrl: link(settings.appUrl, '/') };
  }),
  InstanceDeletionRequested: instanceRule('instanceDeleted', (instance, event) => {
    const data = event.data as InstanceDeletionRequested['data'];
    return {
      instanceName: instance.name, subdomain: instance.subdomain, reason: data.reason,
      purgeAt: formatMailDate(new Date(event.createdAt.getTime() + data.gracePeriodSeconds * 1000)), gracePeriod: formatDuration(data.gracePeriodSeconds),
    };
  }),
  BackupFailed: instanceRule('backupFailed', (instance, event, settings) => ({
    instanceName: instance.name, reason: (event.data as { reason?: string }).reason ?? 'unknown error', dashboardUrl: link(settings.appUrl, '/'),
  })),
  BackupVerificationFailed: instanceRule('backupVerificationFailed', (instance, event, settings) => ({
    instanceName: instance.name, reason: (event.data as { reason?: string }).reason ?? 'unknown error', dashboardUrl: link(settings.appUrl, '/'),
  })),
  // One template per reminder (plan.template); an overdue one names the suspension day.
  SubscriptionPaymentReminded: {
    template: 'paymentReminderDue',
    async plan(event, lookups, settings) {
      const data = event.data as SubscriptionPaymentReminded['data'];
      const template = ({ beforeDue: 'paymentReminderBeforeDue', due: 'paymentReminderDue', overdue: 'paymentReminderOverdue' } as const)[data.reminder];
      const plan = await instanceRule(template, (instance) => ({
        instanceName: instance.name, dueOn: mailDay(data.dueOn), invoiceUrl: link(settings.appUrl, `/billing/invoices/${data.invoiceId}`),
        ...(template === 'paymentReminderOverdue' ? { suspendOn: mailDay(data.graceEndsOn ?? addDays(data.dueOn, 7)) } : {}),
      })).plan(event, lookups, settings);
      return plan.kind === 'send' ? { ...plan, template } : plan;
    },
  },
  RestoreCompleted: instanceRule('restoreCompleted', (instance, _event, settings) => ({ instanceName: instance.name, url: settings.instanceUrl(instance.subdomain) })),
};
