import { z } from 'zod';
import {
  accepted, anyObject, apiKey, backup, backupHealth, backupPolicy, backupTarget, commandReply, invoice, subscription, notificationPreferences, instance, instanceCredentials, instanceStatus, items, login, logPosition,
  member, profile, replyWith, session, tenant, tenantPage,
} from './responseBodies';
import { adminResponses } from './adminResponses';
import { auditResponses } from './auditResponses';

export interface ResponseSpec {
  /** JSON body; absent with `contentType` (binary or HTML) or for 204. */
  schema?: z.ZodType;
  /** A body that is not JSON: `application/octet-stream` downloads, HTML pages. */
  contentType?: 'application/octet-stream' | 'text/html' | 'application/x-ndjson' | 'application/pdf';
  /** Response headers the route sets (components.headers). */
  headers?: readonly ('Location' | 'Cache-Control')[];
  example?: unknown;
}

const uuid = z.uuid();
const exampleReply = { commandId: '0190f4c2-6a8e-7d1b-9c40-3f1e2a7b8c9d', nextExpectedVersion: 1, position: '812.4051' };
const withLocation = ['Location'] as const;

/** The success responses of every route by operationId (the error responses are problem+json, added
 * by status in openApiDocument). A route missing here fails the contract test. */
export const documentedResponses: Record<string, Record<number, ResponseSpec>> = {
  // auth
  register: { 202: { schema: accepted, example: { message: 'Check your mailbox to confirm your address, then sign in.' } } },
  login: { 200: { schema: login, example: { userId: '0190f4c2-1111-7d1b-9c40-3f1e2a7b8c9d', token: 'sess_Zm9vYmFyYmF6cXV4', sessionId: '0190f4c2-2222-7d1b-9c40-3f1e2a7b8c9d', expiresAt: '2026-12-31T12:00:00.000Z' } } },
  logout: { 204: {} },
  getMe: { 200: { schema: profile } },
  getMyAccount: { 200: { schema: profile } },
  updateMe: { 200: { schema: profile.extend(commandReply.shape) } },
  changePassword: { 200: { schema: z.object({ sessionsRevoked: z.number().int() }) } },
  requestPasswordReset: { 202: { schema: accepted } },
  confirmPasswordReset: { 204: {} },
  listSessions: { 200: { schema: items(session) } },
  revokeSession: { 204: {} },
  verifyEmail: { 200: { schema: replyWith({ userId: uuid, emailVerified: z.literal(true) }) } },
  resendEmailVerification: { 202: { schema: replyWith({ requestId: z.string(), expiresAt: z.string() }) } },
  // tenants
  createTenant: {
    201: {
      schema: replyWith({ tenantId: uuid }), headers: withLocation,
      example: { tenantId: '0190f4c2-3333-7d1b-9c40-3f1e2a7b8c9d', streamName: 'tenant-0190f4c2-3333-7d1b-9c40-3f1e2a7b8c9d', ...exampleReply },
    },
  },
  listTenants: { 200: { schema: tenantPage } },
  getTenant: { 200: { schema: tenant } },
  renameTenant: { 200: { schema: replyWith({ tenantId: uuid }) } },
  deleteTenant: { 200: { schema: replyWith({ tenantId: uuid }) } },
  // members
  listMembers: { 200: { schema: items(member) } },
  inviteMember: { 201: { schema: replyWith({ tenantId: uuid, invitationId: z.string(), expiresAt: z.string() }) } },
  revokeInvitation: { 200: { schema: replyWith({ tenantId: uuid, invitationId: z.string() }) } },
  acceptInvitation: { 200: { schema: replyWith({ tenantId: uuid }) } },
  removeMember: { 200: { schema: replyWith({ tenantId: uuid, userId: z.string() }) } },
  transferOwnership: { 200: { schema: replyWith({ tenantId: uuid, ownerId: uuid }) } },
  // api keys
  createApiKey: { 201: { schema: replyWith({ tenantId: uuid, keyId: z.string(), name: z.string(), scopes: z.array(z.string()), token: z.string().describe('Shown once.') }) } },
  listApiKeys: { 200: { schema: items(apiKey) } },
  revokeApiKey: { 200: { schema: replyWith({ tenantId: uuid, keyId: z.string() }) } },
  // instances
  instanceUnavailablePage: { 503: { contentType: 'text/html', headers: ['Cache-Control'] } },
  provisionInstance: {
    202: {
      schema: replyWith({ instanceId: uuid }), headers: withLocation,
      example: { instanceId: '0190f4c2-4444-7d1b-9c40-3f1e2a7b8c9d', streamName: 'instance-0190f4c2-4444-7d1b-9c40-3f1e2a7b8c9d', ...exampleReply },
    },
  },
  listInstances: { 200: { schema: items(instance) } },
  getInstance: { 200: { schema: instance } },
  updateInstance: { 200: { schema: replyWith({ instanceId: uuid }) } },
  deleteInstance: { 202: { schema: replyWith({ instanceId: uuid }), headers: withLocation } },
  instanceAction: { 202: { schema: replyWith({ instanceId: uuid }), headers: withLocation } },
  revealInstanceAdminCredentials: { 200: { schema: instanceCredentials, headers: ['Cache-Control'] } },
  rotateInstanceAdminPassword: { 200: { schema: instanceCredentials, headers: ['Cache-Control'] } },
  instanceStatus: { 200: { schema: instanceStatus } },
  // backups
  listInstanceBackups: { 200: { schema: items(backup).extend({ health: backupHealth }) } },
  backupInstance: { 202: { schema: replyWith({ backupId: uuid }), headers: withLocation } },
  getBackup: { 200: { schema: backup } },
  downloadBackup: { 200: { contentType: 'application/octet-stream' } },
  restoreBackup: { 202: { schema: replyWith({ restoreId: uuid }) } },
  cloneBackup: { 202: { schema: replyWith({ restoreId: uuid, instanceId: uuid }), headers: withLocation } },
  putBackupTarget: { 200: { schema: z.intersection(backupTarget, commandReply) } },
  getBackupTarget: { 200: { schema: backupTarget } },
  deleteBackupTarget: { 200: { schema: replyWith({ tenantId: uuid }) } },
  getBackupPolicy: { 200: { schema: backupPolicy } },
  putBackupPolicy: { 202: { schema: commandReply } },
  // notifications
  getNotificationPreferences: { 200: { schema: notificationPreferences } },
  putNotificationPreferences: { 200: { schema: notificationPreferences.extend({ position: logPosition.nullable() }) } },
  unsubscribeByLink: { 200: { contentType: 'text/html' } },
  unsubscribe: { 200: { schema: z.object({ unsubscribed: z.string(), label: z.string() }) } },
  // billing
  listPlanPrices: { 200: { schema: z.looseObject({ trialDays: z.number().int(), plans: z.record(z.string(), anyObject) }) } },
  getSubscription: { 200: { schema: subscription } },
  listInvoices: { 200: { schema: z.object({ invoices: z.array(invoice) }) } },
  getInvoice: { 200: { schema: invoice } },
  renderInvoice: { 200: { contentType: 'text/html' } },
  renderInvoicePdf: { 200: { contentType: 'application/pdf' } },
  payInvoice: { 202: { schema: z.looseObject({ reference: z.string(), invoiceId: z.string(), status: z.string() }), headers: withLocation } },
  paynowResult: { 200: { schema: z.object({ received: z.literal(true) }) } },
  extendSubscriptionGrace: { 200: { schema: commandReply } },
  waiveInvoice: { 200: { schema: commandReply } },
  getPayment: { 200: { schema: z.looseObject({ reference: z.string(), invoiceId: z.string(), status: z.string() }) } },
  billingRevenue: { 200: { schema: z.object({ months: z.array(anyObject) }) } },
  billingFailedPayments: { 200: { schema: z.object({ payments: z.array(anyObject) }) } },
  billingPastDue: { 200: { schema: z.object({ subscriptions: z.array(anyObject) }) } },
  // operators
  ...auditResponses,
  ...adminResponses,
};
