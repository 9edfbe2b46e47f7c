import fc from 'fast-check';
import { answerTriggers } from './answer-triggers.js';
import { classify } from './nps.js';

describe('what an answer triggers', () => {
  it('opens a follow-up case for every detractor, whatever their consent', () => {
    for (const marketingConsent of [true, false, null]) {
      expect(answerTriggers({ classification: 'detractor', marketingConsent })).toEqual({
        followUpCase: true,
        loyaltyInvitation: { invite: false, reason: 'not-a-promoter' },
      });
    }
  });

  it('invites a promoter only with marketing consent on the answer', () => {
    expect(answerTriggers({ classification: 'promoter', marketingConsent: true }).loyaltyInvitation).toEqual({
      invite: true,
    });
    for (const marketingConsent of [false, null]) {
      expect(answerTriggers({ classification: 'promoter', marketingConsent }).loyaltyInvitation).toEqual({
        invite: false,
        reason: 'no-marketing-consent',
      });
    }
  });

  it('never both opens a case and invites, and a passive triggers nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.constantFrom(true, false, null), (score, consent) => {
        const triggers = answerTriggers({ classification: classify(score), marketingConsent: consent });
        expect(triggers.followUpCase && triggers.loyaltyInvitation.invite).toBe(false);
        if (score === 7 || score === 8) {
          expect(triggers.followUpCase || triggers.loyaltyInvitation.invite).toBe(false);
        }
      }),
    );
  });
});
