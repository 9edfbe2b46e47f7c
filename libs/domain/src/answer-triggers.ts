import type { Classification } from './nps.js';

/** Why a promoter's answer invites nobody to the loyalty club. */
export type InvitationRefusal = 'not-a-promoter' | 'no-marketing-consent';

export interface AnswerTriggers {
  /** A detractor's answer opens a follow-up case, or joins the customer's open case at that store. */
  followUpCase: boolean;
  /** A promoter who consented to marketing is invited to the loyalty club; otherwise, why not. */
  loyaltyInvitation: { invite: true } | { invite: false; reason: InvitationRefusal };
  /**
   * A promoter who gave no consent to marketing gets one thank-you (a service message, never an offer);
   * an answer triage flagged as junk gets none.
   */
  promoterThanks: boolean;
  /** A member's answer earns the survey bonus (docs/promoter-loop.md, Points), unless triage flagged it. */
  surveyPoints: boolean;
}

/**
 * What one scored answer sets in motion (DESIGN.md §5), decided once: scoring queues the work from it, and
 * each job checks it again before it acts (a redelivered or hand-made job for another answer does nothing).
 * An invitation is marketing: without `consent.marketing: true` on the answer there is none.
 */
export function answerTriggers(answer: {
  classification: Classification;
  marketingConsent: boolean | null;
  quality: 'ok' | 'flagged';
}): AnswerTriggers {
  const promoter = answer.classification === 'promoter';
  return {
    promoterThanks: promoter && answer.marketingConsent !== true && answer.quality !== 'flagged',
    followUpCase: answer.classification === 'detractor',
    surveyPoints: answer.quality !== 'flagged',
    loyaltyInvitation:
      promoter && answer.marketingConsent === true
        ? { invite: true }
        : { invite: false, reason: promoter ? 'no-marketing-consent' : 'not-a-promoter' },
  };
}
