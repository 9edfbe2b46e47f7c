import type { CaseScope } from '#persistence';

export type Role = 'agent' | 'manager' | 'admin';

/** Who is calling: a role and the stores they may see. */
export interface Principal {
  tokenId: string;
  role: Role;
  scope: CaseScope;
}

export function canSeeStore(principal: Principal, storeId: string): boolean {
  return principal.scope.kind === 'all' || principal.scope.storeIds.includes(storeId);
}
