import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicMatches } from '../../../src/adapters/bus/topicMatches';
import { eventPayloadSchemas } from '../../../src/api/amqp/eventPayloadSchemas';
import { renderMessageCatalogue } from '../../../src/api/amqp/messageCatalogue';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { instanceEventTypes } from '../../../src/domain/instance/instanceEvents';
import { tenantEventTypes } from '../../../src/domain/tenant/tenantEvents';
import { tenantMembershipEventTypes } from '../../../src/domain/tenant/tenantMembershipEvents';
import { userEventTypes } from '../../../src/domain/user/userEvents';
import { sagaEventTypes } from '../../../src/sagas/runtime/sagaEvents';

const docPath = join(__dirname, '../../../docs/message-catalogue.md');

test('every event type of the domain has a published payload schema', () => {
  const declared = [...tenantEventTypes, ...tenantMembershipEventTypes, ...userEventTypes, ...instanceEventTypes, ...sagaEventTypes];
  expect(declared.filter((type) => !eventPayloadSchemas[type])).toEqual([]);
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
