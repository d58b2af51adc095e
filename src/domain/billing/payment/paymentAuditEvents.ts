/** A result-URL post whose hash did not verify: forged, altered, or signed with another key. A
 * security fact (like src/domain/user/loginAuditEvents.ts), appended to `paymentaudit-<day>`; it
 * carries no field of the post, which an attacker chose. */
export type PaymentCallbackRejected = {
  type: 'PaymentCallbackRejected';
  data: { day: string; ip: string; reason: 'hash-mismatch' };
};

export const paymentAuditCategory = 'paymentaudit';
