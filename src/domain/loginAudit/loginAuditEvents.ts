export type LoginFailedForUnknownAccount = {
  type: 'LoginFailedForUnknownAccount';
  data: { day: string; emailHash: string; ip: string };
};

export type LoginAuditEvent = LoginFailedForUnknownAccount;
export const loginAuditEventTypes = ['LoginFailedForUnknownAccount'] as const;
