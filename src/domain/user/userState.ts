export type UserState =
  | { status: 'absent' }
  | {
      status: 'active';
      userId: string;
      email: string;
      displayName: string;
      operator: boolean;
      /** Reset references requested and not yet completed: a reset completes at most once. */
      pendingResets: readonly string[];
      /** Users registered before verification existed stay unverified until they verify. */
      emailVerified: boolean;
      /** Verification links sent and not yet used (any of them verifies). */
      pendingVerifications: readonly string[];
      /** When the last link was sent (registration or resend), for the resend throttle. */
      lastVerificationRequestedAt: string | null;
    };

export function initialState(): UserState {
  return { status: 'absent' };
}
