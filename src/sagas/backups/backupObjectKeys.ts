/** Where a backup's objects live in storage: grouped per instance so one listing shows its history. */
export function backupObjectKeys(instanceId: string, backupId: string) {
  const base = `instances/${instanceId}/${backupId}`;
  return { database: `${base}/database.dump`, volume: `${base}/volume.tar`, manifest: `${base}/manifest.json` };
}
