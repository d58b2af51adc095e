/** Someone registered again with the email of an existing account, on the day's
 * `registrationaudit-<yyyy-mm-dd>` stream. Registration answers the same either way (no
 * enumeration); this fact is what a notifier can use to tell the account's owner ("was it you? sign
 * in or reset your password") instead of the answer telling the caller. */
export type RegistrationAttemptedForExistingAccount = {
  type: 'RegistrationAttemptedForExistingAccount';
  data: { day: string; userId: string; ip: string };
};
