/** A failed login for an email that has no account. The email is kept only as a keyed hash: people
 * type passwords into the email field, and an audit trail must not turn that into a stored secret. */
export type RecordUnknownAccountLoginFailure = {
  type: 'RecordUnknownAccountLoginFailure';
  data: { day: string; emailHash: string; ip: string };
};

export type LoginAuditCommand = RecordUnknownAccountLoginFailure;
