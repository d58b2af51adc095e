import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicMatches } from '../../../src/ports/topicMatches';
import { z } from 'zod';
import { eventPayloadSchemas } from '../../../src/api/amqp/eventPayloadSchemas';
import { renderMessageCatalogue } from '../../../src/api/amqp/messageCatalogue';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { backupEventTypes } from '../../../src/domain/backup/backupEvents';
import { backupPolicyEventTypes } from '../../../src/domain/backupPolicy/backupPolicyEvents';
import { tenantBackupTargetEventTypes } from '../../../src/domain/backupTarget/tenantBackupTargetEvents';
import { restoreEventTypes } from '../../../src/domain/restore/restoreDecider';
import { instanceEventTypes } from '../../../src/domain/instance/instanceEvents';
import { tenantEventTypes } from '../../../src/domain/tenant/tenantEvents';
import { tenantMembershipEventTypes } from '../../../src/domain/tenant/tenantMembershipEvents';
import { userEventTypes } from '../../../src/domain/user/userEvents';
import { notificationEventTypes, notificationPreferencesEventTypes } from '../../../src/notifications/notificationEvents';
import { notifierEventTypes } from '../../../src/notifications/notifierBindings';
import { sagaEventTypes } from '../../../src/domain/saga/sagaEvents';

const docPath = join(__dirname, '../../../docs/message-catalogue.md');

test('every event type of the domain has a published payload schema', () => {
  const declared = [
    ...tenantEventTypes, ...tenantMembershipEventTypes, ...userEventTypes, ...instanceEventTypes, ...sagaEventTypes,
    ...backupEventTypes, ...backupPolicyEventTypes, ...tenantBackupTargetEventTypes, ...restoreEventTypes,
    ...notificationEventTypes, ...notificationPreferencesEventTypes,
  ];
  expect(declared.filter((type) => !eventPayloadSchemas[type])).toEqual([]);
  expect(eventPayloadSchemas.EmailVerified?.category).toBe('user');
  expect(eventPayloadSchemas.NotificationSent?.category).toBe('notification');
  expect(eventPayloadSchemas.NotificationPreferencesChanged?.category).toBe('notificationPreferences');
  expect(eventPayloadSchemas.RestoreCompleted?.category).toBe('restore');
  expect(eventPayloadSchemas.BackupPolicyChanged?.category).toBe('backupPolicy');
  expect(eventPayloadSchemas.BackupCopiedOffsite?.category).toBe('backupTarget');
});

test('no payload schema has a field for a secret (tokens, passwords, keys live outside events)', () => {
  const secretLike = /password|token|secret|ciphertext|privateKey|apiKey$/i;
  const fieldNames = (schema: unknown): string[] => {
    if (!schema || typeof schema !== 'object') return [];
    const node = schema as { properties?: Record<string, unknown> };
    const own = node.properties ? Object.keys(node.properties) : [];
    return [...own, ...Object.values(schema).flatMap((child) => (typeof child === 'object' ? fieldNames(child) : []))];
  };
  const offending = Object.entries(eventPayloadSchemas).flatMap(([type, entry]) =>
    fieldNames(z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' })).filter((name) => secretLike.test(name)).map((name) => `${type}.${name}`));
  expect(offending).toEqual([]);
});

test('the catalogue documents the notifier group with every binding it declares', () => {
  const rendered = renderMessageCatalogue();
  const groupRow = rendered.split('\n').find((line) => line.startsWith('| `notifier` |'));
  expect(groupRow).toBeDefined();
  for (const type of notifierEventTypes) expect(groupRow).toContain(`\`*.${type}\``);
  for (const key of ['user.UserRegistered', 'user.EmailVerificationRequested', 'backup.BackupFailed', 'restore.RestoreCompleted', 'instance.InstanceCrashed']) {
    expect(rendered).toContain(`| \`${key}\` | \`notifier\` |`);
  }
  expect(rendered).toContain('| `notification.NotificationSent` | — |');
});

test('docs/message-catalogue.md is up to date (UPDATE_CATALOGUE=1 rewrites it)', () => {
  const rendered = renderMessageCatalogue();
  if (process.env.UPDATE_CATALOGUE === '1') writeFileSync(docPath, rendered);
  const committed = readFileSync(docPath, 'utf8');
  if (committed !== rendered) throw new Error('docs/message-catalogue.md is stale: run `UPDATE_CATALOGUE=1 npx jest tests/api/amqp/messageCatalogue` and commit it');
  for (const type of Object.keys(commandHandlers)) expect(rendered).toContain(`### ${type}`);
  expect(rendered).toContain('`tenant.TenantCreated`');
});

test('topic patterns: * is one word, # any number', () => {
  expect(topicMatches('*.TenantCreated', 'tenant.TenantCreated')).toBe(true);
  expect(topicMatches('tenant.#', 'tenant.TenantCreated')).toBe(true);
  expect(topicMatches('#', 'a.b.c')).toBe(true);
  expect(topicMatches('tenant.*', 'instance.InstanceStarted')).toBe(false);
  expect(topicMatches('*', 'a.b')).toBe(false);
});
