import fc from 'fast-check';
import { answerTriggers } from './answer-triggers.js';
import { classify } from './nps.js';

describe('what an answer triggers', () => {
  it('opens a follow-up case for every detractor, whatever their consent', () => {
    for (const marketingConsent of [true, false, null]) {
      expect(answerTriggers({ classification: 'detractor', marketingConsent, quality: 'ok' })).toEqual({
        followUpCase: true,
        loyaltyInvitation: { invite: false, reason: 'not-a-promoter' },
        promoterThanks: false,
        surveyPoints: true,
      });
    }
  });

  it('earns a member the survey bonus for any answer but one triage flagged as junk', () => {
    for (const classification of ['detractor', 'passive', 'promoter'] as const) {
      expect(answerTriggers({ classification, marketingConsent: null, quality: 'ok' }).surveyPoints).toBe(
        true,
      );
      expect(
        answerTriggers({ classification, marketingConsent: true, quality: 'flagged' }).surveyPoints,
      ).toBe(false);
    }
  });

  it('invites a promoter only with marketing consent on the answer, and thanks the others', () => {
    const consenting = answerTriggers({ classification: 'promoter', marketingConsent: true, quality: 'ok' });
    expect(consenting.loyaltyInvitation).toEqual({ invite: true });
    expect(consenting.promoterThanks).toBe(false);
    for (const marketingConsent of [false, null]) {
      const triggers = answerTriggers({ classification: 'promoter', marketingConsent, quality: 'ok' });
      expect(triggers.loyaltyInvitation).toEqual({ invite: false, reason: 'no-marketing-consent' });
      expect(triggers.promoterThanks).toBe(true);
    }
  });

  it('thanks no promoter whose answer triage flagged as junk', () => {
    for (const marketingConsent of [false, null]) {
      expect(
        answerTriggers({ classification: 'promoter', marketingConsent, quality: 'flagged' }).promoterThanks,
      ).toBe(false);
    }
  });

  it('sets one thing in motion at most, and a passive sets nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(true, false, null),
        fc.constantFrom('ok' as const, 'flagged' as const),
        (score, consent, quality) => {
          const triggers = answerTriggers({
            classification: classify(score),
            marketingConsent: consent,
            quality,
          });
          const effects = [triggers.followUpCase, triggers.loyaltyInvitation.invite, triggers.promoterThanks];
          expect(effects.filter(Boolean).length).toBeLessThanOrEqual(1);
          if (score === 7 || score === 8) expect(effects.some(Boolean)).toBe(false);
          // Every 9 or 10 that is not junk gets one of the two: an invitation, or a thank-you.
          if (score >= 9 && quality === 'ok') expect(effects.some(Boolean)).toBe(true);
        },
      ),
    );
  });
});
