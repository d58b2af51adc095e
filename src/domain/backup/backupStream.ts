/** One backup of an instance. */
export const backupCategory = 'backup';

export function backupStream(backupId: string): string {
  return `${backupCategory}-${backupId}`;
}
