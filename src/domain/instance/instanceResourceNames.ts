// Deterministic names make every saga step idempotent (docs/architecture.md, Sagas): a retried step finds
// what an earlier attempt created instead of creating a second one.
export interface InstanceResourceNames {
  container: string;
  volume: string;
  traefikRouter: string;
}

export function instanceResourceNames(instanceId: string): InstanceResourceNames {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(instanceId)) {
    throw new Error(`instance id ${JSON.stringify(instanceId)} is not usable in Docker names`);
  }
  return { container: `odoo-${instanceId}`, volume: `odoo-${instanceId}-data`, traefikRouter: `odoo-${instanceId}` };
}
