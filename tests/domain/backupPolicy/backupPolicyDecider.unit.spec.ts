import { backupPolicyDecider } from '../../../src/domain/backupPolicy/backupPolicyDecider';
import type { BackupPolicyCommand } from '../../../src/domain/backupPolicy/backupPolicyCommands';
import type { BackupPolicyEvent } from '../../../src/domain/backupPolicy/backupPolicyEvents';
import { isValidTimeZone } from '../../../src/domain/backupPolicy/backupPolicyRules';
import type { BackupPolicyState } from '../../../src/domain/backupPolicy/backupPolicyState';
import { effectiveBackupPolicy } from '../../../src/domain/backupPolicy/effectiveBackupPolicy';
import { DomainError } from '../../../src/domain/shared/decider';
import { defaultInstancePlans, parseInstancePlans } from '../../../src/domain/instance/instancePlanCatalogue';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec<BackupPolicyState, BackupPolicyCommand, BackupPolicyEvent>(backupPolicyDecider);
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const otherTenantId = '01900000-0000-7000-8000-0000000000c3';
const settings = { enabled: true, hour: 3, timeZone: 'Europe/Warsaw', retention: { daily: 10, weekly: 5, monthly: 6 } };
const set = (overrides: Partial<BackupPolicyCommand['data']> = {}): BackupPolicyCommand =>
  ({ type: 'SetBackupPolicy', data: { instanceId, tenantId, setBy: 'user-1', ...settings, ...overrides } });
const changed = (overrides: Partial<BackupPolicyEvent['data']> = {}): BackupPolicyEvent =>
  ({ type: 'BackupPolicyChanged', data: { instanceId, tenantId, changedBy: 'user-1', ...settings, ...overrides } });

describe('Backup policy decider', () => {
  it('records a first policy and every later change', () => {
    spec.given([]).when(set()).then([changed()]);
    spec.given([changed()]).when(set({ hour: 22, setBy: 'user-2' })).then([changed({ hour: 22, changedBy: 'user-2' })]);
    spec.given([changed()]).when(set({ retention: null })).then([changed({ retention: null })]);
    spec.given([changed()]).when(set({ enabled: false })).then([changed({ enabled: false })]);
  });

  it('is silent when the policy in force is set again, even by someone else', () => {
    spec.given([changed()]).when(set({ setBy: 'user-2' })).then([]);
    spec.given([changed({ retention: null })]).when(set({ retention: null })).then([]);
  });

  it('does not let a policy naming another tenant hide the owner\'s identical one', () => {
    spec.given([changed(), changed({ tenantId: otherTenantId })]).when(set()).then([changed()]);
  });

  it('refuses an hour outside 0–23, a zone that is not IANA, and retention out of range', () => {
    spec.given([]).when(set({ hour: 24 })).thenThrows(DomainError, /hour/);
    spec.given([]).when(set({ hour: 2.5 })).thenThrows(DomainError, /hour/);
    spec.given([]).when(set({ timeZone: 'Mars/Olympus' })).thenThrows(DomainError, /timeZone/);
    spec.given([]).when(set({ timeZone: '+02:00' })).thenThrows(DomainError, /timeZone/);
    spec.given([]).when(set({ retention: { daily: 0, weekly: 1, monthly: 1 } })).thenThrows(DomainError, /retention\.daily/);
    spec.given([]).when(set({ retention: { daily: 7, weekly: -1, monthly: 1 } })).thenThrows(DomainError, /retention\.weekly/);
  });
});

describe('time zones', () => {
  it('accepts IANA names and UTC, refuses offsets, abbreviations and unknown names', () => {
    for (const zone of ['Africa/Harare', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+2']) expect({ zone, ok: isValidTimeZone(zone) }).toEqual({ zone, ok: true });
    for (const zone of ['', 'CAT', '+02:00', 'Africa/Nowhere', 'Europe/../etc', 'a'.repeat(70)]) expect({ zone, ok: isValidTimeZone(zone) }).toEqual({ zone, ok: false });
  });
});

describe('effective policy and plan defaults', () => {
  const defaults = { hour: 2, timeZone: 'Africa/Harare' };

  it('is daily at the default hour with the plan\'s retention when no policy is set', () => {
    expect(effectiveBackupPolicy(null, defaultInstancePlans.business.backupRetention, defaults)).toEqual({
      enabled: true, hour: 2, timeZone: 'Africa/Harare', retention: { daily: 14, weekly: 8, monthly: 12 },
      source: { schedule: 'default', retention: 'plan' },
    });
  });

  it('takes the tenant\'s schedule, and its retention only when it set one', () => {
    expect(effectiveBackupPolicy({ ...settings, retention: null }, defaultInstancePlans.starter.backupRetention, defaults)).toEqual({
      enabled: true, hour: 3, timeZone: 'Europe/Warsaw', retention: { daily: 7, weekly: 4, monthly: 3 }, source: { schedule: 'policy', retention: 'plan' },
    });
    expect(effectiveBackupPolicy({ ...settings, enabled: false }, defaultInstancePlans.starter.backupRetention, defaults)).toMatchObject({
      enabled: false, retention: settings.retention, source: { schedule: 'policy', retention: 'policy' },
    });
  });

  it('has GFS defaults per plan, overridable key by key through INSTANCE_PLANS, and validated', () => {
    expect(Object.fromEntries(Object.entries(defaultInstancePlans).map(([name, plan]) => [name, plan.backupRetention]))).toEqual({
      starter: { daily: 7, weekly: 4, monthly: 3 }, business: { daily: 14, weekly: 8, monthly: 12 }, enterprise: { daily: 30, weekly: 12, monthly: 24 },
    });
    const plans = parseInstancePlans(JSON.stringify({ starter: { memoryMb: 96, backupRetention: { monthly: 6 } } }));
    expect(plans.starter).toEqual({ ...defaultInstancePlans.starter, memoryMb: 96, backupRetention: { daily: 7, weekly: 4, monthly: 6 } });
    expect(plans.business).toEqual(defaultInstancePlans.business);
    expect(() => parseInstancePlans('{"starter":{"backupRetention":{"daily":0}}}')).toThrow(/daily must be an integer of at least 1/);
    expect(() => parseInstancePlans('{"starter":{"backupRetention":{"hourly":3}}}')).toThrow(/hourly is not a retention setting/);
    expect(() => parseInstancePlans('{"starter":{"backupRetentionDays":3}}')).toThrow(/not a plan setting/);
    expect(() => parseInstancePlans('{"gold":{}}')).toThrow(/not a plan/);
    expect(() => parseInstancePlans('{"starter":{"cpus":0}}')).toThrow(/cpus must be a positive number/);
  });
});
