import { ROOT_CAUSES, type RootCause } from './root-cause.js';

export const CASE_STATUSES = [
  'open',
  'claimed',
  'contact-attempted',
  'contacted',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'claimed', 'contact-attempted', 'contacted'];

export type ContactResult = 'reached' | 'no-answer' | 'unreachable';

export type CaseAction =
  | { type: 'claim' }
  | { type: 'note'; text: string }
  | { type: 'contact'; result: ContactResult; note?: string }
  | { type: 'resolve'; rootCause: RootCause; actionTaken: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close' }
  | { type: 'escalate'; reason: string };

export interface CaseFacts {
  status: CaseStatus;
  ownerId: string | null;
}

export type CaseChange = {
  status: CaseStatus;
  /** Set for claim; null clears it (reopen). */
  ownerId?: string | null;
  outcome?: 'resolved' | 'unreachable' | null;
  rootCause?: string | null;
  resolution?: string | null;
  contactAttempt?: boolean;
};

/** Who acts: agents work their own cases; managers (and admins) may take over, act on anyone's and close. */
export interface CaseActor {
  id: string;
  mayActOnOthersCases: boolean;
}

export type CaseActionType = CaseAction['type'];
export const CASE_ACTION_TYPES: readonly CaseActionType[] = [
  'claim',
  'contact',
  'resolve',
  'note',
  'escalate',
  'reopen',
  'close',
];

/** Actions only a manager (or an admin) takes, whoever owns the case: the API refuses them to agents. */
export const MANAGER_ONLY_ACTIONS: readonly CaseActionType[] = ['close'];

export type CaseTransition =
  | { ok: true; change: CaseChange }
  | { ok: false; code: 'invalid-transition' | 'claimed-by-another'; message: string };

/** Which statuses each action may start from: the workflow of docs/closing-the-loop.md. */
export const ALLOWED_FROM: Record<CaseAction['type'], readonly CaseStatus[]> = {
  claim: ['open', 'claimed', 'contact-attempted', 'contacted'],
  note: ['open', 'claimed', 'contact-attempted', 'contacted', 'resolved'],
  contact: ['claimed', 'contact-attempted', 'contacted'],
  resolve: ['claimed', 'contact-attempted', 'contacted'],
  reopen: ['resolved', 'closed'],
  close: ['resolved'],
  escalate: ['open', 'claimed', 'contact-attempted', 'contacted'],
};

const WHAT_TO_DO_FIRST: Partial<Record<CaseAction['type'], Partial<Record<CaseStatus, string>>>> = {
  contact: { open: 'claim it first' },
  resolve: { open: 'claim it first' },
};

/**
 * The case workflow as a pure function: what an action does to a case in a given status, or why it cannot.
 *
 *   open → claimed → contact-attempted ⇄ … → contacted → resolved → closed
 *   contact with `unreachable` resolves the case with the outcome `unreachable`; resolved and closed
 *   cases can be reopened; notes are allowed until a case is closed.
 */
export function applyCaseAction(facts: CaseFacts, action: CaseAction, actor: CaseActor): CaseTransition {
  if (!ALLOWED_FROM[action.type].includes(facts.status)) {
    const hint = WHAT_TO_DO_FIRST[action.type]?.[facts.status];
    return {
      ok: false,
      code: 'invalid-transition',
      message: `A case that is ${facts.status} cannot be ${PAST[action.type]}${hint ? `; ${hint}` : ''}.`,
    };
  }
  // Someone else's case is theirs to work: only a manager takes it over or acts on it.
  const ownedByAnother = facts.ownerId !== null && facts.ownerId !== actor.id;
  if (ownedByAnother && !actor.mayActOnOthersCases && ['claim', 'contact', 'resolve'].includes(action.type)) {
    return {
      ok: false,
      code: 'claimed-by-another',
      message: 'Another person has claimed this case; ask them or a manager.',
    };
  }
  switch (action.type) {
    case 'claim':
      return {
        ok: true,
        change: { status: facts.status === 'open' ? 'claimed' : facts.status, ownerId: actor.id },
      };
    case 'note':
    case 'escalate':
      return { ok: true, change: { status: facts.status } };
    case 'contact':
      if (action.result === 'reached')
        return { ok: true, change: { status: 'contacted', contactAttempt: true } };
      if (action.result === 'no-answer')
        return { ok: true, change: { status: 'contact-attempted', contactAttempt: true } };
      return {
        ok: true,
        change: {
          status: 'resolved',
          outcome: 'unreachable',
          rootCause: 'unknown',
          resolution: action.note ?? null,
          contactAttempt: true,
        },
      };
    case 'resolve':
      if (!(ROOT_CAUSES as readonly string[]).includes(action.rootCause)) {
        return { ok: false, code: 'invalid-transition', message: `${action.rootCause} is not a root cause.` };
      }
      return {
        ok: true,
        change: {
          status: 'resolved',
          outcome: 'resolved',
          rootCause: action.rootCause,
          resolution: action.actionTaken,
        },
      };
    case 'reopen':
      return { ok: true, change: { status: 'open', ownerId: null, outcome: null } };
    case 'close':
      return { ok: true, change: { status: 'closed' } };
  }
}

/**
 * What this person can usefully do to the case now, in the order a person works it: every action the
 * workflow accepts from them, except claiming a case that is already theirs. The operations UI offers
 * exactly these; it never works the rules out itself.
 */
export function availableCaseActions(facts: CaseFacts, actor: CaseActor): CaseActionType[] {
  return CASE_ACTION_TYPES.filter((type) => {
    if (type === 'claim' && facts.ownerId === actor.id) return false;
    if (MANAGER_ONLY_ACTIONS.includes(type) && !actor.mayActOnOthersCases) return false;
    return applyCaseAction(facts, SAMPLE_ACTIONS[type], actor).ok;
  });
}

/** One well-formed action of each type: what is available depends on the type, never on its details. */
const SAMPLE_ACTIONS: Record<CaseActionType, CaseAction> = {
  claim: { type: 'claim' },
  note: { type: 'note', text: '-' },
  contact: { type: 'contact', result: 'reached' },
  resolve: { type: 'resolve', rootCause: ROOT_CAUSES[0], actionTaken: '-' },
  reopen: { type: 'reopen', reason: '-' },
  close: { type: 'close' },
  escalate: { type: 'escalate', reason: '-' },
};

const PAST: Record<CaseAction['type'], string> = {
  claim: 'claimed',
  note: 'given a note',
  contact: 'marked as contacted',
  resolve: 'resolved',
  reopen: 'reopened',
  close: 'closed',
  escalate: 'escalated',
};
