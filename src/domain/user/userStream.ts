/** A user's own stream (registration, verification, sign-in facts). */
export const userCategory = 'user';

export function userStream(userId: string): string {
  return `${userCategory}-${userId}`;
}
