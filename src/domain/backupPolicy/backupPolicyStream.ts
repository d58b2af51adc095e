/** An instance's backup policy, keyed by the instance. */
export const backupPolicyCategory = 'backupPolicy';

export function backupPolicyStream(instanceId: string): string {
  return `${backupPolicyCategory}-${instanceId}`;
}
