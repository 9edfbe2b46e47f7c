// A member's points on the customer page: the balance, the tier and what the next one takes, the points soonest
// to expire, and the newest entries of the ledger, each with its reason.
import { CUSTOMER_MESSAGES } from './customer-messages.js';
import { el, fill } from './dom.js';
import { formatDate, formatNumber } from './i18n.js';
import { state } from './state.js';

const c = () => CUSTOMER_MESSAGES[state.language];
const number = (value) => formatNumber(value, state.language);
const ENTRIES_SHOWN = 10;

/** The points panel; `account` is null for a customer who is not a member. */
export function pointsPanel(account) {
  if (!account) return el('p', { class: 'state' }, c().noPoints);
  const tierName = (name) => c().tiers[name] ?? name;
  const tier = account.tier
    ? [
        el('strong', { id: 'customer-tier' }, tierName(account.tier.name)),
        account.tier.multiplier > 1 ? ` · ×${number(account.tier.multiplier)}` : null,
        account.tier.slaHours !== null
          ? [' · ', fill(c().tierSla, { hours: number(account.tier.slaHours) })]
          : null,
      ]
    : el('span', { id: 'customer-tier' }, c().noTier);
  const next = account.nextTier
    ? fill(c().nextTier, {
        tier: tierName(account.nextTier.name),
        points: number(account.nextTier.pointsToGo),
      })
    : c().topTier;
  return [
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, c().pointsBalance),
      el('dd', {}, el('strong', { id: 'customer-points' }, number(account.balance))),
      el('dt', {}, c().tier),
      el('dd', {}, tier),
      el('dt', {}, fill(c().windowPoints, { days: number(account.windowDays) })),
      el('dd', {}, number(account.windowPoints), ' · ', next),
      el('dt', {}, c().expiringNext),
      el(
        'dd',
        {},
        account.expiring.length === 0
          ? '—'
          : fill(c().expiringOn, {
              points: number(account.expiring[0].points),
              date: formatDate(account.expiring[0].expiresAt, state.language),
            }),
      ),
    ),
    account.history.length === 0
      ? el('p', { class: 'state' }, c().noPointsYet)
      : el(
          'table',
          { id: 'customer-points-ledger' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...[c().pointsWhen, c().pointsWhy, c().pointsChange].map((label) =>
                el('th', { scope: 'col' }, label),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            ...account.history
              .slice(0, ENTRIES_SHOWN)
              .map((entry) =>
                el(
                  'tr',
                  {},
                  el('td', {}, formatDate(entry.at, state.language)),
                  el('td', { class: 'points-kind' }, c().pointsKinds[entry.kind] ?? entry.kind),
                  el(
                    'td',
                    { class: entry.points > 0 ? 'points-credit' : 'points-debit', dir: 'ltr' },
                    `${entry.points > 0 ? '+' : '−'}${number(Math.abs(entry.points))}`,
                  ),
                ),
              ),
          ),
        ),
  ];
}
