import { z } from 'zod';
import type { BackupEvent } from '../../domain/backup/backupEvents';
import { backupModes, backupTriggers } from '../../domain/backup/backupManifest';
import type { BackupPolicyEvent } from '../../domain/backupPolicy/backupPolicyEvents';
import { billingIntervals } from '../../domain/billing/billingPeriod';
import type { InvoiceEvent } from '../../domain/billing/invoice/invoiceEvents';
import type { InvoiceNumberEvent } from '../../domain/billing/invoice/invoiceNumberSequence';
import { invoiceCategory, invoiceNumberCategories } from '../../domain/billing/invoice/invoiceStream';
import { invoiceKinds } from '../../domain/billing/invoice/invoiceTotals';
import { currencies } from '../../domain/billing/money';
import type { SubscriptionEvent } from '../../domain/billing/subscription/subscriptionEvents';
import { paymentCategory } from '../../domain/billing/payment/paymentStream';
import { paymentAuditEventSchemas, paymentEventSchemas } from './paymentEventSchemas';
import { paymentAuditCategory } from '../../domain/billing/payment/paymentAuditEvents';
import { subscriptionCategory } from '../../domain/billing/subscription/subscriptionStream';
import type { TenantBackupTargetEvent } from '../../domain/backupTarget/tenantBackupTargetEvents';
import type { RestoreEvent } from '../../domain/restore/restoreDecider';
import type { InstanceEvent } from '../../domain/instance/instanceEvents';
import { instancePlanNames } from '../../domain/instance/instancePlans';
import type { TenantEvent } from '../../domain/tenant/tenantEvents';
import type { TenantMembershipEvent } from '../../domain/tenant/tenantMembershipEvents';
import { invitableRoles } from '../../domain/tenant/tenantRole';
import type { LoginFailedForUnknownAccount } from '../../domain/user/loginAuditEvents';
import type { UserEvent } from '../../domain/user/userEvents';
import { notificationCategories, type NotificationCategory } from '../../notifications/notificationCategories';
import type { NotificationEvent, NotificationPreferencesChanged } from '../../notifications/notificationEvents';
import type { SagaEvent } from '../../domain/saga/sagaEvents';
import { tenantCategory } from '../../domain/tenant/tenantStream';
import { userCategory } from '../../domain/user/userStream';
import { instanceCategory } from '../../domain/instance/instanceStream';
import { backupCategory } from '../../domain/backup/backupStream';
import { backupPolicyCategory } from '../../domain/backupPolicy/backupPolicyStream';
import { backupTargetCategory } from '../../domain/backupTarget/backupTargetStream';
import { restoreCategory } from '../../domain/restore/restoreStream';

// The published contract of event payloads (docs/message-catalogue.md). The domain declares events
// as TypeScript types; these schemas are checked against them at compile time, so a changed event
// fails the build here until its published schema is changed too.
type Schemas<E extends { type: string; data: unknown }> = { [T in E['type']]: z.ZodType<Extract<E, { type: T }>['data']> };

const id = z.string();
const at = z.string().describe('ISO 8601 timestamp');
const plan = z.enum(instancePlanNames);
const role = z.enum(invitableRoles);
const instanceOnly = z.object({ instanceId: id });
const instanceDetail = z.object({ instanceId: id, detail: z.string() });
/** The reference of a mailed verification link; the token itself never leaves the identity vault. */
const verificationRequest = z.object({ requestId: id, requestedAt: at, expiresAt: at });

const tenantEvents: Schemas<TenantEvent | TenantMembershipEvent> = {
  TenantCreated: z.object({ tenantId: id, name: z.string(), createdBy: id, ownerId: id.optional() }),
  TenantRenamed: z.object({ tenantId: id, name: z.string() }),
  TenantDeleted: z.object({ tenantId: id, reason: z.string() }),
  MemberInvited: z.object({ tenantId: id, invitationId: id, email: z.string(), role, invitedBy: id, expiresAt: at }),
  MemberJoined: z.object({ tenantId: id, userId: id, role, invitationId: id }),
  InvitationRevoked: z.object({ tenantId: id, invitationId: id, revokedBy: id }),
  MemberRemoved: z.object({ tenantId: id, userId: id, removedBy: id }),
  OwnershipTransferred: z.object({ tenantId: id, previousOwnerId: id, newOwnerId: id }),
  ApiKeyCreated: z.object({ tenantId: id, keyId: id, name: z.string(), scopes: z.array(z.string()), createdBy: id }),
  ApiKeyRevoked: z.object({ tenantId: id, keyId: id, revokedBy: id }),
};

const userEvents: Schemas<UserEvent> = {
  UserRegistered: z.object({ userId: id, email: z.string(), displayName: z.string(), verification: verificationRequest.optional() }),
  UserProfileUpdated: z.object({ userId: id, displayName: z.string() }),
  PasswordChanged: z.object({ userId: id, sessionsRevoked: z.number() }),
  PasswordResetRequested: z.object({ userId: id, resetId: id, expiresAt: at }),
  PasswordResetCompleted: z.object({ userId: id, resetId: id, sessionsRevoked: z.number() }),
  UserLoginFailed: z.object({ userId: id, reason: z.literal('wrong-password'), ip: z.string() }),
  UserLoginThrottled: z.object({ userId: id, ip: z.string(), retryAfterSeconds: z.number() }),
  OperatorRoleGranted: z.object({ userId: id, reason: z.string().optional() }),
  OperatorRoleRevoked: z.object({ userId: id, reason: z.string() }),
  EmailVerificationRequested: z.object({ userId: id }).extend(verificationRequest.shape),
  EmailVerified: z.object({ userId: id, requestId: id }),
};

const loginAuditEvents: Schemas<LoginFailedForUnknownAccount> = {
  LoginFailedForUnknownAccount: z.object({ day: z.string(), emailHash: z.string(), ip: z.string() }),
};

const instanceEvents: Schemas<InstanceEvent> = {
  InstanceProvisioningRequested: z.object({
    instanceId: id, tenantId: id, name: z.string(), subdomain: z.string(), plan, odooVersion: z.string(),
    adminEmail: z.string(), demoData: z.boolean(), language: z.string(), requestedBy: id,
  }),
  InstanceProvisioned: z.object({
    instanceId: id, url: z.string(), containerName: z.string(), databaseName: z.string(),
    adminLogin: z.string().optional(), serverVersion: z.string().optional(),
  }),
  InstanceProvisioningFailed: z.object({ instanceId: id, reason: z.string(), failedStep: z.string() }),
  InstanceStartRequested: instanceOnly,
  InstanceStarted: instanceOnly,
  InstanceStopRequested: instanceOnly,
  InstanceStopped: instanceOnly,
  InstanceRestartRequested: instanceOnly,
  InstanceRestarted: instanceOnly,
  InstanceResizeRequested: z.object({ instanceId: id, plan, previousPlan: plan }),
  InstanceResized: z.object({ instanceId: id, plan }),
  InstanceOperationFailed: z.object({ instanceId: id, operation: z.string(), reason: z.string() }),
  InstanceUpdated: z.object({ instanceId: id, name: z.string().optional(), description: z.string().optional() }),
  InstanceDeletionRequested: z.object({ instanceId: id, gracePeriodSeconds: z.number(), reason: z.string() }),
  InstanceDeleted: instanceOnly,
  InstanceBecameUnhealthy: instanceDetail,
  InstanceRecovered: instanceDetail,
  InstanceCrashed: z.object({ instanceId: id, detail: z.string(), exitCode: z.number().nullable(), oomKilled: z.boolean() }),
  InstanceRestoreStarted: z.object({ instanceId: id, restoreId: id, backupId: id }),
  InstanceRestored: z.object({ instanceId: id, restoreId: id }),
  InstanceRestoreFailed: z.object({ instanceId: id, restoreId: id, reason: z.string() }),
  InstanceAdminCredentialsRevealed: instanceOnly,
  InstanceAdminPasswordRotated: instanceOnly,
  InstanceBackupHoldStarted: z.object({ instanceId: id, backupId: id }),
  InstanceBackupHoldReleased: z.object({ instanceId: id, backupId: id }),
  InstanceUsageLevelChanged: z.object({
    instanceId: id, level: z.enum(['ok', 'nearQuota', 'overQuota']), previousLevel: z.enum(['ok', 'nearQuota', 'overQuota']),
    usedBytes: z.number(), quotaBytes: z.number(),
  }),
};

const sagaEvents: Schemas<SagaEvent> = {
  SagaStarted: z.object({ sagaName: z.string(), sagaId: id, subjectId: id, tenantId: id.nullable(), input: z.unknown(), triggerEventId: id, triggeredAt: at, correlationId: id }),
  SagaStepCompleted: z.object({ step: z.string(), output: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(), attempt: z.number() }),
  SagaStepFailed: z.object({ step: z.string(), phase: z.enum(['run', 'compensate']), error: z.string(), attempt: z.number(), permanent: z.boolean(), paused: z.boolean(), retryAt: at.nullable() }),
  SagaStepDeferred: z.object({ step: z.string(), until: at, reason: z.string() }),
  SagaCompensated: z.object({ step: z.string() }),
  SagaCompleted: z.object({ outcome: z.enum(['succeeded', 'compensated', 'cancelled']), failedStep: z.string().nullable(), reason: z.string().nullable() }),
  SagaRetryRequested: z.object({ requestedBy: id }),
  SagaCancelRequested: z.object({ requestedBy: id, reason: z.string() }),
};

const backupRef = { backupId: id, instanceId: id, tenantId: id };
const archive = { key: z.string(), size: z.number(), sha256: z.string(), durationMs: z.number() };
const backupManifest = z.object({
  formatVersion: z.literal(1), backupId: id, instanceId: id, tenantId: id, odooVersion: z.string(), plan: z.string(),
  mode: z.enum(backupModes), trigger: z.enum(backupTriggers), startedAt: at, completedAt: at,
  database: z.object({ ...archive, name: z.string(), format: z.literal('pg_dump-custom'), tableCount: z.number() }),
  volume: z.object({ ...archive, name: z.string(), format: z.literal('tar') }),
  downtimeMs: z.number(), tools: z.object({ pgDump: z.string(), node: z.string() }),
});

const backupEvents: Schemas<BackupEvent> = {
  BackupStarted: z.object({ ...backupRef, mode: z.enum(backupModes), trigger: z.enum(backupTriggers), slot: at.nullable(), requestedBy: id }),
  BackupCompleted: z.object({ ...backupRef, manifest: backupManifest }),
  BackupFailed: z.object({ ...backupRef, reason: z.string(), failedStep: z.string() }),
  BackupVerified: z.object({ ...backupRef, verificationId: id, detail: z.string() }),
  BackupVerificationFailed: z.object({ ...backupRef, verificationId: id, reason: z.string() }),
  BackupPruned: z.object({ ...backupRef, policy: z.string() }),
};

const backupPolicyEvents: Schemas<BackupPolicyEvent> = {
  BackupPolicyChanged: z.object({
    instanceId: id, tenantId: id, changedBy: id, enabled: z.boolean(), hour: z.number().describe('0–23 in timeZone'), timeZone: z.string().describe('IANA name, e.g. Africa/Harare'),
    retention: z.object({ daily: z.number(), weekly: z.number(), monthly: z.number() }).nullable().describe('GFS counts; null = the plan\'s default'),
  }),
};

// A tenant's own off-site bucket: where copies go, never the credentials (only their reference).
const offsiteCopy = { tenantId: id, backupId: id, instanceId: id, endpoint: z.string().nullable(), bucket: z.string() };
const backupTargetEvents: Schemas<TenantBackupTargetEvent> = {
  TenantBackupTargetSet: z.object({
    tenantId: id, endpoint: z.string().nullable().describe('null = AWS S3'), region: z.string(), bucket: z.string(), prefix: z.string(), forcePathStyle: z.boolean(),
    credentialsRef: id.describe('reference to the encrypted credentials in the secrets table'), accessKeyIdHint: z.string(), setBy: id,
  }),
  TenantBackupTargetRemoved: z.object({ tenantId: id, credentialsRef: id, removedBy: id }),
  BackupCopiedOffsite: z.object({ ...offsiteCopy, objects: z.array(z.object({ key: z.string(), size: z.number(), sha256: z.string() })) }),
  BackupOffsiteCopyFailed: z.object({ ...offsiteCopy, reason: z.string() }),
};

const restoreRef = { restoreId: id, backupId: id, instanceId: id, tenantId: id };
const restoreEvents: Schemas<RestoreEvent> = {
  RestoreRequested: z.object({
    ...restoreRef, requestedBy: id,
    clone: z.object({ name: z.string(), subdomain: z.string(), plan: plan.optional().describe('the source instance\'s plan when absent') }).optional()
      .describe('present when the backup is restored into a new instance (instanceId) rather than in place'),
  }),
  RestoreCompleted: z.object({ ...restoreRef, preRestoreBackupId: id, durationMs: z.number() }),
  RestoreFailed: z.object({ ...restoreRef, reason: z.string(), failedStep: z.string() }),
};

// The notifier's records: addresses and the SMTP server's answer, never a body, link or token.
const category = z.enum(Object.keys(notificationCategories) as [NotificationCategory, ...NotificationCategory[]]);
const notificationFacts = {
  notificationId: id, template: z.string(), category, eventId: id, eventType: z.string(),
  recipientUserId: id.nullable().describe('null for someone without an account (an invitee)'), to: z.string(),
};
const notificationEvents: Schemas<NotificationEvent> = {
  NotificationSent: z.object({ ...notificationFacts, messageId: z.string(), smtpResponse: z.string() }),
  NotificationFailed: z.object({
    ...notificationFacts,
    permanent: z.boolean().describe('true: retrying cannot help (5xx, malformed address); false: the retries ran out'),
    error: z.object({ code: z.string().nullable(), responseCode: z.number().nullable(), message: z.string() }),
    attempt: z.number(),
  }),
  NotificationSuppressed: z.object({ ...notificationFacts, reason: z.enum(['opted-out', 'token-expired']) }),
};
const notificationPreferencesEvents: Schemas<NotificationPreferencesChanged> = {
  NotificationPreferencesChanged: z.object({ userId: id, optedOut: z.array(category), via: z.enum(['settings', 'unsubscribe-link']) }),
};

// Billing (docs/decisions/048): money is always integer minor units with its currency.
const currency = z.enum(currencies);
const moneyValue = z.object({ amountMinor: z.number().int().describe('minor units (cents)'), currency });
const day = z.string().describe('calendar day, YYYY-MM-DD');
const pricedPeriod = z.object({ start: day, end: day.describe('exclusive: the next period\'s start'), price: moneyValue });
const subscriptionEvents: Schemas<SubscriptionEvent> = {
  SubscriptionStarted: z.object({ instanceId: id, tenantId: id, plan, currency, interval: z.enum(billingIntervals), startedOn: day, trialEndsOn: day }),
  SubscriptionBillingChanged: z.object({
    instanceId: id, currency, interval: z.enum(billingIntervals), previousCurrency: currency, previousInterval: z.enum(billingIntervals),
  }),
  SubscriptionPlanChanged: z.object({
    instanceId: id, plan, previousPlan: plan, price: moneyValue, changedOn: day,
    proration: z.object({ kind: z.enum(['charge', 'credit']), amount: moneyValue, remainingDays: z.number().int(), periodDays: z.number().int() }).nullable()
      .describe('what to invoice (charge) or credit (a credit note) for the rest of the period; null when nothing'),
  }),
  SubscriptionInvoiced: z.object({ instanceId: id, invoiceId: id, total: moneyValue, dueOn: day, period: pricedPeriod.nullable().describe('null: an extra charge') }),
  SubscriptionActivated: z.object({ instanceId: id, invoiceId: id }),
  SubscriptionInvoiceSettled: z.object({ instanceId: id, invoiceId: id, settlement: z.enum(['paid', 'waived', 'voided']) }),
  SubscriptionMarkedPastDue: z.object({ instanceId: id, invoiceId: id, graceEndsOn: day }),
  SubscriptionReactivated: instanceOnly,
  SubscriptionSuspended: z.object({ instanceId: id, suspendedOn: day, unpaidInvoiceIds: z.array(id) }),
  SubscriptionResumed: z.object({ instanceId: id, reason: z.enum(['paid', 'grace-extended']) }),
  SubscriptionGraceExtended: z.object({ instanceId: id, graceEndsOn: day, previousGraceEndsOn: day, reason: z.string(), extendedBy: id }),
  SubscriptionCancelled: z.object({ instanceId: id, reason: z.string(), cancelledBy: id }),
  SubscriptionPaymentReminded: z.object({
    instanceId: id, tenantId: id, invoiceId: id, reminder: z.enum(['beforeDue', 'due', 'overdue']), dueOn: day,
    graceEndsOn: day.nullable().describe('when already past due: the day the instance is suspended'),
  }),
};

const invoiceKind = z.enum(invoiceKinds);
const paymentFacts = { invoiceId: id, reference: z.string().describe('the gateway\'s (Paynow\'s) reference'), receivedAt: at };
const invoiceEvents: Schemas<InvoiceEvent> = {
  InvoiceDrafted: z.object({
    invoiceId: id, tenantId: id, instanceId: id, kind: invoiceKind, currency, dueOn: day, creditedInvoiceId: id.nullable(),
    lines: z.array(z.object({ description: z.string(), quantity: z.number().int(), unitAmountMinor: z.number().int(), amountMinor: z.number().int() })),
    subtotalMinor: z.number().int(), tax: z.object({ name: z.string(), rateBasisPoints: z.number().int().describe('1500 = 15 %'), amountMinor: z.number().int() }),
    totalMinor: z.number().int(),
  }),
  InvoiceIssued: z.object({ invoiceId: id, tenantId: id, instanceId: id, kind: invoiceKind, number: z.number().int(), issuedOn: day, total: moneyValue, dueOn: day }),
  InvoicePaid: z.object({ ...paymentFacts, amount: moneyValue }),
  PaymentAmountMismatch: z.object({ ...paymentFacts, expected: moneyValue, received: moneyValue }),
  UnexpectedPaymentReceived: z.object({ ...paymentFacts, amount: moneyValue, reason: z.enum(['already-paid', 'waived', 'void']) }),
  InvoiceWaived: z.object({ invoiceId: id, reason: z.string(), waivedBy: id }),
  InvoiceVoided: z.object({ invoiceId: id, reason: z.string(), voidedBy: id }),
};

const numberAssignment = z.object({ currency, invoiceId: id, number: z.number().int().describe('the n-th event of the sequence gives number n') });
const invoiceNumberEvents: Schemas<InvoiceNumberEvent> = { InvoiceNumberAssigned: numberAssignment, CreditNoteNumberAssigned: numberAssignment };

export interface EventCatalogueEntry {
  /** The stream category, hence the first part of the routing key. */
  category: string;
  schema: z.ZodType;
}

/** Every event type the platform publishes, by type. */
export const eventPayloadSchemas: Record<string, EventCatalogueEntry> = Object.fromEntries([
  ...Object.entries(tenantEvents).map(([type, schema]) => [type, { category: tenantCategory, schema }]),
  ...Object.entries(userEvents).map(([type, schema]) => [type, { category: userCategory, schema }]),
  ...Object.entries(loginAuditEvents).map(([type, schema]) => [type, { category: 'loginaudit', schema }]),
  ...Object.entries(instanceEvents).map(([type, schema]) => [type, { category: instanceCategory, schema }]),
  ...Object.entries(sagaEvents).map(([type, schema]) => [type, { category: 'saga', schema }]),
  ...Object.entries(backupEvents).map(([type, schema]) => [type, { category: backupCategory, schema }]),
  ...Object.entries(backupPolicyEvents).map(([type, schema]) => [type, { category: backupPolicyCategory, schema }]),
  ...Object.entries(backupTargetEvents).map(([type, schema]) => [type, { category: backupTargetCategory, schema }]),
  ...Object.entries(restoreEvents).map(([type, schema]) => [type, { category: restoreCategory, schema }]),
  ...Object.entries(notificationEvents).map(([type, schema]) => [type, { category: 'notification', schema }]),
  ...Object.entries(notificationPreferencesEvents).map(([type, schema]) => [type, { category: 'notificationPreferences', schema }]),
  ...Object.entries(subscriptionEvents).map(([type, schema]) => [type, { category: subscriptionCategory, schema }]),
  ...Object.entries(invoiceEvents).map(([type, schema]) => [type, { category: invoiceCategory, schema }]),
  ['InvoiceNumberAssigned', { category: invoiceNumberCategories.invoice, schema: invoiceNumberEvents.InvoiceNumberAssigned }],
  ['CreditNoteNumberAssigned', { category: invoiceNumberCategories.creditNote, schema: invoiceNumberEvents.CreditNoteNumberAssigned }],
  ...Object.entries(paymentEventSchemas).map(([type, schema]) => [type, { category: paymentCategory, schema }]),
  ['PaymentCallbackRejected', { category: paymentAuditCategory, schema: paymentAuditEventSchemas.PaymentCallbackRejected }],
]);
