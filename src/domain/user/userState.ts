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
    };

export function initialState(): UserState {
  return { status: 'absent' };
}
