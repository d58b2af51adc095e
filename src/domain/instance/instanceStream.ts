/** An instance's own stream: every fact about it, from its provisioning to its deletion. */
export const instanceCategory = 'instance';

export function instanceStream(instanceId: string): string {
  return `${instanceCategory}-${instanceId}`;
}
