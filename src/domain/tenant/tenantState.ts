export type TenantState =
  | { status: 'absent' }
  | { status: 'active'; tenantId: string; name: string }
  | { status: 'deleted'; tenantId: string; name: string; reason: string };

export function initialState(): TenantState {
  return { status: 'absent' };
}
