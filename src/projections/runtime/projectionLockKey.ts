/** Lock keys are per read-model schema, so tests (and tenants of a shared cluster) never collide. */
export function projectionLockKey(schema: string, projectionName: string): string {
  return `projection:${schema}:${projectionName}`;
}

export function rebuildLockKey(schema: string, projectionName: string): string {
  return `projection-rebuild:${schema}:${projectionName}`;
}
