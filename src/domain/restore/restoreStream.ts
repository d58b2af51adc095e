/** One restore (or clone) of a backup. */
export const restoreCategory = 'restore';

export function restoreStream(restoreId: string): string {
  return `${restoreCategory}-${restoreId}`;
}
