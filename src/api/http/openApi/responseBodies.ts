import { z } from 'zod';

/** What the routes answer, as zod schemas: the OpenAPI document's response types come from here and
 * tests/packaging/openApi.int.spec.ts checks real answers against them (docs/decisions/053). */

const uuid = z.uuid();
const timestamp = z.iso.datetime({ offset: true });
/** `<transactionId>.<globalPosition>`: pass it as `minPosition` (or `X-Min-Position`) to read the write back. */
export const logPosition = z.string().regex(/^\d+\.\d+$/).describe('Command position; pass it back as minPosition to read your write.');

/** What every command route answers (src/api/http/routes/commandReply). */
export const commandReply = z.object({
  commandId: z.string(),
  streamName: z.string(),
  nextExpectedVersion: z.number().int(),
  position: logPosition.nullable(),
});

export const accepted = z.object({ message: z.string() });

export const tenant = z.object({
  tenantId: uuid,
  name: z.string(),
  status: z.enum(['active', 'deleted']),
  deletedReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: z.number().int().describe('Stream version: pass it as expectedVersion for optimistic concurrency.'),
  lastPosition: logPosition,
});

export const tenantPage = z.object({ items: z.array(tenant), nextCursor: uuid.nullable() });

export const instance = z.object({
  instanceId: uuid, tenantId: uuid, name: z.string(), description: z.string(), subdomain: z.string(), plan: z.string(),
  odooVersion: z.string(), serverVersion: z.string().nullable(), adminLogin: z.string().nullable(), adminEmail: z.string(),
  usageLevel: z.string(), demoData: z.boolean(), language: z.string(), status: z.string(),
  pendingOperation: z.string().nullable(), health: z.string(), healthDetail: z.string().nullable(), url: z.string().nullable(),
  failureReason: z.string().nullable(), createdAt: timestamp, updatedAt: timestamp, version: z.number().int(),
});

export const instanceStatus = z.object({
  instanceId: uuid,
  url: z.string().nullable(),
  plan: z.string(),
  desired: z.object({ status: z.string(), pendingOperation: z.string().nullable() }),
  actual: z.looseObject({ container: z.string(), running: z.boolean() }),
  health: z.object({ status: z.string(), detail: z.string().nullable() }),
  resources: z.object({ cpuPercent: z.number(), memoryBytes: z.number(), memoryLimitBytes: z.number() }).nullable(),
  usage: z.looseObject({ level: z.string(), overQuota: z.boolean() }),
  failureReason: z.string().nullable(),
  backups: z.looseObject({}).nullable(),
  saga: z.object({
    name: z.string(), id: z.string(), status: z.string(), lastCompletedStep: z.string().nullable(), currentStep: z.string().nullable(),
    attempts: z.number().int(), failing: z.boolean(), retryAt: z.string().nullable(),
  }).nullable(),
});

export const instanceCredentials = z.object({ instanceId: uuid, url: z.string().nullable(), login: z.string(), password: z.string() });

export const profile = z.object({ userId: uuid, email: z.string(), displayName: z.string(), operator: z.boolean(), emailVerified: z.boolean() });

export const login = z.object({ userId: uuid, token: z.string().describe('Send as `Authorization: Bearer <token>`.'), sessionId: uuid, expiresAt: timestamp });

export const session = z.object({
  sessionId: uuid, userId: uuid, createdAt: timestamp, lastSeenAt: timestamp, expiresAt: timestamp,
  ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean().describe('The session this request was made with.'),
});

export const member = z.object({
  userId: z.string(), role: z.enum(['owner', 'admin', 'member']), joinedAt: timestamp, email: z.string().nullable(), displayName: z.string().nullable(),
});

export const apiKey = z.object({
  keyId: z.string(), tenantId: uuid, name: z.string(), scopes: z.array(z.string()), createdBy: z.string(),
  createdAt: timestamp, lastUsedAt: timestamp.nullable(), revokedAt: timestamp.nullable(),
});

export const backup = z.object({
  backupId: uuid, instanceId: uuid, tenantId: uuid, status: z.string(), mode: z.string(), trigger: z.string(),
  slot: timestamp.nullable(), requestedBy: z.string(), startedAt: timestamp, completedAt: timestamp.nullable(), totalBytes: z.number().nullable(),
  manifest: z.looseObject({}).nullable(), failureReason: z.string().nullable(),
  verification: z.string().nullable(), verifiedAt: timestamp.nullable(), verificationDetail: z.string().nullable(),
  offsite: z.looseObject({}).nullable().describe('The copy to the tenant\'s own bucket; null when none was made.'),
});

export const backupHealth = z.object({
  instanceId: uuid,
  lastCompletedAt: timestamp.nullable(),
  lastVerifiedAt: timestamp.nullable(),
  lastVerification: z.enum(['verified', 'failed']).nullable(),
  failuresSinceSuccess: z.number().int(),
});

const retention = z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() });
export const backupPolicy = z.looseObject({
  instanceId: uuid, tenantId: uuid, plan: z.string(), enabled: z.boolean(), hour: z.number().int(), timeZone: z.string(), retention,
  explicit: z.looseObject({ enabled: z.boolean(), hour: z.number().int(), timeZone: z.string(), retention: retention.nullable() }).nullable()
    .describe('What the tenant set; null = the defaults.'),
  source: z.object({ schedule: z.enum(['policy', 'default']), retention: z.enum(['policy', 'plan']) }),
  updatedAt: timestamp.nullable(),
});

/** A tenant's own off-site target, never with its secret. */
export const backupTarget = z.union([
  z.object({ status: z.literal('none') }),
  z.object({
    tenantId: uuid, endpoint: z.string().nullable(), region: z.string(), bucket: z.string(), prefix: z.string(),
    forcePathStyle: z.boolean(), accessKeyIdHint: z.string(), setBy: z.string(),
  }),
]);

export const notificationPreferences = z.object({
  userId: uuid,
  optedOut: z.array(z.string()),
  categories: z.array(z.object({ category: z.string(), label: z.string(), essential: z.boolean(), subscribed: z.boolean() })),
});

// Billing is still growing (issue 15): its bodies allow fields beyond those named.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar day, YYYY-MM-DD.');
export const subscription = z.looseObject({
  instanceId: uuid, tenantId: uuid, state: z.string(), plan: z.string(), currency: z.string(), interval: z.string(),
  trialEndsOn: day, currentPeriod: z.object({ start: day, end: day }).nullable(), nextInvoiceOn: day, graceEndsOn: day.nullable(),
});

const minor = z.number().int().describe('An amount in minor units (cents).');
export const invoice = z.looseObject({
  invoiceId: uuid, tenantId: uuid, instanceId: uuid, kind: z.string(), number: z.number().int().nullable(), status: z.string(), currency: z.string(),
  lines: z.array(z.object({ description: z.string(), quantity: z.number(), unitAmountMinor: minor, amountMinor: minor })),
  subtotalMinor: minor, tax: z.object({ name: z.string(), rateBasisPoints: z.number().int(), amountMinor: minor }), totalMinor: minor,
  dueOn: day, issuedOn: day.nullable(), paidAt: z.string().nullable(), paymentReference: z.string().nullable(),
});

export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A command reply with the ids the route adds in front of it. */
export const replyWith = <T extends z.ZodRawShape>(shape: T) => commandReply.extend(shape);

export const anyObject = z.looseObject({});
