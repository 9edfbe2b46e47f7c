import type { CaseActor } from '#domain';
import type { CaseScope } from '#persistence';

export type Role = 'agent' | 'manager' | 'admin';

/** Who is calling: a token's name, role and the stores it may see. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  scope: CaseScope;
}

export function canSeeStore(principal: Principal, storeId: string): boolean {
  return principal.scope.kind === 'all' || principal.scope.storeIds.includes(storeId);
}

/** Managers and admins may take over or act on anyone's case; agents work their own. */
export function mayActOnOthersCases(principal: Principal): boolean {
  return principal.role !== 'agent';
}

/** How a person appears in a case's history: the token's name. */
export function actorName(principal: Principal): string {
  return principal.name;
}

/** The caller as the case workflow sees them. */
export function caseActor(principal: Principal): CaseActor {
  return { id: principal.tokenId, mayActOnOthersCases: mayActOnOthersCases(principal) };
}
