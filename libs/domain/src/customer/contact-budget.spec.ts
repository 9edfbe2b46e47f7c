import fc from 'fast-check';
import {
  contactBudget,
  contactDecision,
  DEFAULT_CONTACT_RULES,
  type ContactHistory,
  type ContactKind,
} from './contact-budget.js';

const DAY = 86_400_000;
const start = Date.parse('2026-11-01T00:00:00Z');
const at = (days: number) => new Date(start + days * DAY);
const consenting: ContactHistory = { marketingConsent: true, unsubscribedAt: null, contacts: [] };

describe('the contact budget', () => {
  it('allows one marketing message per 30 days to a consenting customer', () => {
    expect(contactDecision(consenting, 'marketing', at(0), DEFAULT_CONTACT_RULES)).toEqual({ allowed: true });
    const after = { ...consenting, contacts: [{ at: at(0), kind: 'marketing' as const }] };
    expect(contactDecision(after, 'marketing', at(10), DEFAULT_CONTACT_RULES)).toEqual({
      allowed: false,
      reason: 'marketing-budget-spent',
      nextAllowedAt: at(30),
    });
    expect(contactDecision(after, 'marketing', at(30), DEFAULT_CONTACT_RULES)).toEqual({ allowed: true });
  });

  it('never sends marketing without consent, or after an unsubscribe', () => {
    expect(
      contactDecision({ ...consenting, marketingConsent: null }, 'marketing', at(0), DEFAULT_CONTACT_RULES),
    ).toMatchObject({
      allowed: false,
      reason: 'no-consent',
    });
    expect(
      contactDecision({ ...consenting, marketingConsent: false }, 'marketing', at(0), DEFAULT_CONTACT_RULES),
    ).toMatchObject({
      reason: 'no-consent',
    });
    expect(
      contactDecision({ ...consenting, unsubscribedAt: at(-1) }, 'marketing', at(0), DEFAULT_CONTACT_RULES),
    ).toMatchObject({
      reason: 'unsubscribed',
      nextAllowedAt: null,
    });
    // Unsubscribed means no e-mail at all, a re-survey included, whatever the consent says.
    expect(
      contactDecision({ ...consenting, unsubscribedAt: at(-1) }, 'service', at(0), DEFAULT_CONTACT_RULES),
    ).toEqual({ allowed: false, reason: 'unsubscribed', nextAllowedAt: null });
  });

  it('limits every customer message together, service ones included', () => {
    const busy: ContactHistory = {
      ...consenting,
      contacts: [
        { at: at(1), kind: 'service' },
        { at: at(2), kind: 'service' },
        { at: at(3), kind: 'service' },
      ],
    };
    expect(contactDecision(busy, 'service', at(4), DEFAULT_CONTACT_RULES)).toEqual({
      allowed: false,
      reason: 'budget-spent',
      nextAllowedAt: at(31),
    });
    expect(
      contactDecision({ ...busy, marketingConsent: null }, 'service', at(31), DEFAULT_CONTACT_RULES),
    ).toEqual({ allowed: true });
  });

  it('shows what is left on the profile', () => {
    const history = { ...consenting, contacts: [{ at: at(0), kind: 'marketing' as const }] };
    expect(contactBudget(history, at(5), DEFAULT_CONTACT_RULES)).toEqual({
      marketingConsent: true,
      unsubscribed: false,
      marketing: { used: 1, limit: 1, withinMs: 30 * DAY, nextAllowedAt: at(30).toISOString() },
      total: { used: 1, limit: 3, withinMs: 30 * DAY, nextAllowedAt: null },
    });
  });

  it('keeps every window within its limits for a sender that always asks first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 120 }),
            kind: fc.constantFrom<ContactKind>('marketing', 'service'),
          }),
          {
            maxLength: 60,
          },
        ),
        (requests) => {
          const sent: Array<{ at: Date; kind: ContactKind }> = [];
          for (const request of [...requests].sort((a, b) => a.day - b.day)) {
            const decision = contactDecision(
              { ...consenting, contacts: sent },
              request.kind,
              at(request.day),
              DEFAULT_CONTACT_RULES,
            );
            if (decision.allowed) sent.push({ at: at(request.day), kind: request.kind });
          }
          for (const message of sent) {
            const windowEnd = message.at.getTime() + 30 * DAY;
            const inWindow = sent.filter(
              (other) => other.at.getTime() >= message.at.getTime() && other.at.getTime() < windowEnd,
            );
            expect(inWindow.length).toBeLessThanOrEqual(3);
            expect(inWindow.filter((other) => other.kind === 'marketing').length).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
