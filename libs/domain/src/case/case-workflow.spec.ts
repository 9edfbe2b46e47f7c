import fc from 'fast-check';
import {
  ACTIVE_STATUSES,
  ALLOWED_FROM,
  applyCaseAction,
  availableCaseActions,
  CASE_STATUSES,
  type CaseAction,
  type CaseStatus,
} from './case-workflow.js';
import { ROOT_CAUSES } from './root-cause.js';

const agent = { id: 'agent-1', mayActOnOthersCases: false };
const manager = { id: 'manager-1', mayActOnOthersCases: true };
const resolve: CaseAction = {
  type: 'resolve',
  rootCause: 'wait-time',
  actionTaken: 'Apologised and gave a voucher',
};

describe('the case workflow', () => {
  it('works a case from open to closed', () => {
    let facts = { status: 'open' as CaseStatus, ownerId: null as string | null };
    const step = (action: CaseAction) => {
      const result = applyCaseAction(facts, action, agent);
      if (!result.ok) throw new Error(result.message);
      facts = {
        status: result.change.status,
        ownerId: result.change.ownerId === undefined ? facts.ownerId : result.change.ownerId,
      };
      return result.change;
    };
    expect(step({ type: 'claim' })).toEqual({ status: 'claimed', ownerId: 'agent-1' });
    expect(step({ type: 'contact', result: 'no-answer' })).toEqual({
      status: 'contact-attempted',
      contactAttempt: true,
    });
    expect(step({ type: 'contact', result: 'reached' })).toEqual({
      status: 'contacted',
      contactAttempt: true,
    });
    expect(step(resolve)).toEqual({
      status: 'resolved',
      outcome: 'resolved',
      rootCause: 'wait-time',
      resolution: 'Apologised and gave a voucher',
    });
    expect(step({ type: 'close' })).toEqual({ status: 'closed' });
    expect(step({ type: 'reopen', reason: 'The customer called again' })).toEqual({
      status: 'open',
      ownerId: null,
      outcome: null,
    });
  });

  it('resolves a case as unreachable when the customer cannot be reached', () => {
    expect(
      applyCaseAction(
        { status: 'contact-attempted', ownerId: 'agent-1' },
        { type: 'contact', result: 'unreachable' },
        agent,
      ),
    ).toEqual({
      ok: true,
      change: {
        status: 'resolved',
        outcome: 'unreachable',
        rootCause: 'unknown',
        resolution: null,
        contactAttempt: true,
      },
    });
  });

  it('says what to do first when an action does not fit the status', () => {
    expect(applyCaseAction({ status: 'open', ownerId: null }, resolve, agent)).toEqual({
      ok: false,
      code: 'invalid-transition',
      message: 'A case that is open cannot be resolved; claim it first.',
    });
    expect(
      applyCaseAction({ status: 'closed', ownerId: 'agent-1' }, { type: 'note', text: 'x' }, agent),
    ).toMatchObject({
      ok: false,
      message: 'A case that is closed cannot be given a note.',
    });
  });

  it("keeps another person's case theirs, unless a manager steps in", () => {
    const theirs = { status: 'claimed' as CaseStatus, ownerId: 'agent-2' };
    expect(applyCaseAction(theirs, resolve, agent)).toMatchObject({ ok: false, code: 'claimed-by-another' });
    expect(applyCaseAction(theirs, { type: 'claim' }, agent)).toMatchObject({
      ok: false,
      code: 'claimed-by-another',
    });
    expect(applyCaseAction(theirs, { type: 'claim' }, manager)).toEqual({
      ok: true,
      change: { status: 'claimed', ownerId: 'manager-1' },
    });
    expect(applyCaseAction(theirs, { type: 'note', text: 'Called the store' }, agent)).toMatchObject({
      ok: true,
    });
  });

  it('refuses a root cause outside the taxonomy', () => {
    expect(
      applyCaseAction(
        { status: 'contacted', ownerId: 'agent-1' },
        { type: 'resolve', rootCause: 'bad-luck' as never, actionTaken: 'x' },
        agent,
      ),
    ).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('never leaves the statuses, and only active cases escalate', () => {
    const action = fc.oneof(
      fc.constant<CaseAction>({ type: 'claim' }),
      fc.constant<CaseAction>({ type: 'note', text: 'n' }),
      fc
        .constantFrom<CaseAction['type']>('contact')
        .chain(() =>
          fc.constantFrom<CaseAction>(
            { type: 'contact', result: 'reached' },
            { type: 'contact', result: 'no-answer' },
            { type: 'contact', result: 'unreachable' },
          ),
        ),
      fc
        .constantFrom(...ROOT_CAUSES)
        .map<CaseAction>((rootCause) => ({ type: 'resolve', rootCause, actionTaken: 'done' })),
      fc.constant<CaseAction>({ type: 'reopen', reason: 'r' }),
      fc.constant<CaseAction>({ type: 'close' }),
      fc.constant<CaseAction>({ type: 'escalate', reason: 'r' }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATUSES), action, (status, caseAction) => {
        const result = applyCaseAction({ status, ownerId: 'agent-1' }, caseAction, agent);
        expect(result.ok).toBe(ALLOWED_FROM[caseAction.type].includes(status));
        if (result.ok) expect(CASE_STATUSES).toContain(result.change.status);
        if (result.ok && caseAction.type === 'escalate') expect(ACTIVE_STATUSES).toContain(status);
      }),
    );
  });
});

describe('the actions a person is offered', () => {
  const open = { status: 'open' as CaseStatus, ownerId: null };
  const claimedByAgent = { status: 'claimed' as CaseStatus, ownerId: 'agent-1' };

  it('offers an open case to be claimed, noted and escalated, by anyone', () => {
    expect(availableCaseActions(open, agent)).toEqual(['claim', 'note', 'escalate']);
    expect(availableCaseActions(open, manager)).toEqual(['claim', 'note', 'escalate']);
  });

  it('lets the owner work their case, and a manager take it over', () => {
    expect(availableCaseActions(claimedByAgent, agent)).toEqual(['contact', 'resolve', 'note', 'escalate']);
    expect(availableCaseActions(claimedByAgent, { id: 'agent-2', mayActOnOthersCases: false })).toEqual([
      'note',
      'escalate',
    ]);
    expect(availableCaseActions(claimedByAgent, manager)).toEqual([
      'claim',
      'contact',
      'resolve',
      'note',
      'escalate',
    ]);
  });

  it('closes resolved cases for managers only, and reopens them for anyone', () => {
    const resolved = { status: 'resolved' as CaseStatus, ownerId: 'agent-1' };
    expect(availableCaseActions(resolved, agent)).toEqual(['note', 'reopen']);
    expect(availableCaseActions(resolved, manager)).toEqual(['note', 'reopen', 'close']);
    expect(availableCaseActions({ status: 'closed', ownerId: 'agent-1' }, manager)).toEqual(['reopen']);
  });

  it('never offers what the workflow would refuse', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_STATUSES),
        fc.constantFrom(null, 'agent-1', 'agent-2'),
        fc.constantFrom(agent, manager),
        (status, ownerId, actor) => {
          for (const type of availableCaseActions({ status, ownerId }, actor)) {
            expect(ALLOWED_FROM[type]).toContain(status);
          }
        },
      ),
    );
  });
});
