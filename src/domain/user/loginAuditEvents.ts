/** A failed login for an email without an account, on the day's `loginaudit-<yyyy-mm-dd>` stream.
 * The email only as a hash: people type passwords into the email field, and an audit trail must not
 * turn that into a stored secret. */
export type LoginFailedForUnknownAccount = {
  type: 'LoginFailedForUnknownAccount';
  data: { day: string; emailHash: string; ip: string };
};
