import { parseAmqpPublishers } from '../../../src/domain/authorization/parseAmqpPublishers';

const tenantId = '01970000-0000-7000-8000-00000000000a';

describe('AMQP_PUBLISHERS', () => {
  it('maps broker users to an operator-level identity or to one tenant with API-key scopes', () => {
    expect(parseAmqpPublishers(JSON.stringify({ billing: { system: 'billing' }, 'acme-sync': { tenantId, scopes: ['instances:read', 'instances:manage'] } }))).toEqual({
      billing: { kind: 'system', component: 'billing' },
      'acme-sync': { kind: 'serviceAccount', account: 'acme-sync', tenantId, scopes: ['instances:read', 'instances:manage'] },
    });
    expect(parseAmqpPublishers('')).toEqual({});
    expect(parseAmqpPublishers('{}')).toEqual({});
  });

  it('refuses what it does not understand instead of guessing', () => {
    for (const bad of [
      '[]', '{"x": "system:billing"}', '{"x": {"system": "Billing Dept"}}', '{"x": {"tenantId": "acme", "scopes": []}}',
      `{"x": {"tenantId": "${tenantId}", "scopes": ["members:manage"]}}`, `{"x": {"tenantId": "${tenantId}", "scopes": [], "system": "a"}}`,
      '{"bad user": {"system": "a"}}',
    ]) expect(() => parseAmqpPublishers(bad)).toThrow(/AMQP_PUBLISHERS/);
  });
});
