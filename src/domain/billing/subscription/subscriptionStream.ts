/** One subscription per instance, keyed by the instance's id (a natural key: an instance is billed
 * from provisioning to deletion), so the dunning saga finds it from any instance event. */
export const subscriptionCategory = 'subscription';

export function subscriptionStream(instanceId: string): string {
  return `${subscriptionCategory}-${instanceId}`;
}
