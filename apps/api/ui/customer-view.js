// One customer, as a manager looks them up: who they are, where they stand on the ladder, what Ladder may still
// send them, their club membership and vouchers, their open cases, and everything that happened, newest first.
import { api, ApiError } from './api.js';
import { CUSTOMER_MESSAGES } from './customer-messages.js';
import { pointsPanel } from './points-panel.js';
import { el, failure, fill, loading, render, stillWanted } from './dom.js';
import { formatDate, formatMoney, formatNumber } from './i18n.js';
import { state, t } from './state.js';

const c = () => CUSTOMER_MESSAGES[state.language];

/** The club's ledger of a member; null for one who is not (yet) a member or not in the caller's stores. */
const orNone = (error) => {
  if (error instanceof ApiError && error.status === 404) return null;
  throw error;
};
const memberOf = (id) => api(`/api/members/${encodeURIComponent(id)}`).catch(orNone);
const pointsOf = (id) => api(`/api/members/${encodeURIComponent(id)}/points`).catch(orNone);

export async function showCustomer(id) {
  const wanted = location.hash;
  const back = el('p', {}, el('a', { href: '#/queue' }, t().back));
  render(back, loading());
  let customer;
  let member;
  let points;
  try {
    customer = await api(`/api/customers/${encodeURIComponent(id)}`);
    [member, points] = customer.loyaltyClub?.joinedAt
      ? await Promise.all([memberOf(id), pointsOf(id)])
      : [null, null];
  } catch (error) {
    if (stillWanted(wanted) && !(error instanceof ApiError && error.status === 401))
      render(
        back,
        failure(error, () => showCustomer(id), c().notFound),
      );
    return;
  }
  // The person may have moved on while this loaded: then the page they are on stays.
  if (!stillWanted(wanted)) return;
  render(
    back,
    el(
      'h1',
      { id: 'customer-title' },
      `${c().customerTitle} · `,
      el('bdi', {}, customer.name ?? customer.id),
    ),
    el(
      'div',
      { class: 'grid' },
      el(
        'div',
        {},
        el(
          'section',
          { class: 'panel', id: 'customer-profile' },
          el('h2', {}, c().profile),
          profile(customer),
        ),
        el(
          'section',
          { class: 'panel', id: 'customer-timeline' },
          el('h2', {}, c().timeline),
          timeline(customer),
        ),
      ),
      el(
        'aside',
        {},
        el(
          'section',
          { class: 'panel', id: 'customer-club' },
          el('h2', {}, c().club),
          club(customer, member),
        ),
        el(
          'section',
          { class: 'panel', id: 'customer-points-panel' },
          el('h2', {}, c().points),
          pointsPanel(points),
        ),
        el(
          'section',
          { class: 'panel', id: 'customer-budget' },
          el('h2', {}, c().contactBudget),
          budget(customer),
        ),
        el(
          'section',
          { class: 'panel', id: 'customer-cases' },
          el('h2', {}, c().openCases),
          openCases(customer),
        ),
      ),
    ),
  );
}

const money = (valueMinor) =>
  Object.entries(valueMinor)
    .map(([currency, amount]) => formatMoney(amount, currency, state.language))
    .join(' · ') || '—';

function facts(...rows) {
  return el(
    'dl',
    { class: 'facts' },
    ...rows.map(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]),
  );
}

function profile(customer) {
  const m = t();
  const contact = [
    customer.phone
      ? el('div', {}, el('a', { dir: 'ltr', href: `tel:${customer.phone}` }, customer.phone))
      : null,
    customer.email
      ? el('div', {}, el('a', { dir: 'ltr', href: `mailto:${customer.email}` }, customer.email))
      : null,
  ].filter(Boolean);
  return facts(
    [m.contact, contact.length ? contact : '—'],
    [
      m.stage,
      el(
        'span',
        { id: 'customer-stage' },
        customer.stage ? (m.stages[customer.stage] ?? customer.stage) : '—',
      ),
    ],
    [c().stageSince, customer.stageSince ? formatDate(customer.stageSince, state.language) : '—'],
    [m.segment, m.segments[customer.segment] ?? customer.segment],
    [m.value, money(customer.valueMinor)],
    [c().purchases, formatNumber(customer.purchases.count, state.language)],
    [c().answerCount, formatNumber(customer.answerCount, state.language)],
    [m.lastScore, customer.lastScore === null ? '—' : formatNumber(customer.lastScore, state.language)],
    [m.churn, m.churnLevels[customer.churnRisk.level] ?? customer.churnRisk.level],
    [c().firstSeen, formatDate(customer.firstSeenAt, state.language)],
  );
}

function budget(customer) {
  const { contactBudget } = customer;
  const consent =
    contactBudget.marketingConsent === null
      ? c().consentUnknown
      : contactBudget.marketingConsent
        ? c().consentGiven
        : c().consentRefused;
  const use = (part) =>
    fill(c().usedOf, {
      used: formatNumber(part.used, state.language),
      limit: formatNumber(part.limit, state.language),
    });
  return [
    contactBudget.unsubscribed ? el('p', { class: 'badge overdue' }, c().unsubscribed) : null,
    facts(
      [c().marketingConsent, consent],
      [c().marketingMessages, use(contactBudget.marketing)],
      [c().allMessages, use(contactBudget.total)],
    ),
  ];
}

function club(customer, member) {
  const invitation = customer.loyaltyClub;
  if (!invitation) return el('p', { class: 'state' }, c().notInClub);
  const ledger = member?.ledger ?? [];
  const now = Date.now();
  const voucherState = (reward) =>
    reward.redemption
      ? `${c().voucherRedeemed} · ${formatDate(reward.redemption.at, state.language)}`
      : new Date(reward.expiresAt).getTime() < now
        ? c().voucherExpired
        : c().voucherUnused;
  return [
    facts(
      [c().invited, formatDate(invitation.invitedAt, state.language)],
      [c().joined, invitation.joinedAt ? formatDate(invitation.joinedAt, state.language) : c().notJoined],
      [c().referralCode, el('code', { dir: 'ltr' }, invitation.referralCode)],
    ),
    el('h3', {}, c().vouchers),
    ledger.length === 0
      ? el('p', { class: 'state' }, c().noVouchers)
      : el(
          'table',
          { id: 'customer-vouchers' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...[
                c().voucherCode,
                c().voucherKind,
                c().voucherValue,
                c().voucherValidUntil,
                c().voucherState,
              ].map((label) => el('th', { scope: 'col' }, label)),
            ),
          ),
          el(
            'tbody',
            {},
            ...ledger.map((reward) =>
              el(
                'tr',
                {},
                el('td', {}, el('code', { dir: 'ltr' }, reward.voucherCode)),
                el('td', { class: 'voucher-kind' }, c().voucherKinds[reward.kind] ?? reward.kind),
                el('td', {}, formatMoney(reward.amountMinor, reward.currency, state.language)),
                el('td', {}, formatDate(reward.expiresAt, state.language)),
                el('td', { class: 'voucher-state' }, voucherState(reward)),
              ),
            ),
          ),
        ),
  ];
}

function openCases(customer) {
  if (customer.openCaseIds.length === 0) return el('p', { class: 'state' }, c().noOpenCases);
  return el(
    'ul',
    {},
    ...customer.openCaseIds.map((id) => el('li', {}, el('a', { href: `#/cases/${id}` }, c().openCase))),
  );
}

function timeline(customer) {
  const m = t();
  if (customer.history.length === 0) return el('p', { class: 'state' }, c().noHistory);
  return el(
    'ol',
    { class: 'history', id: 'customer-history' },
    ...customer.history.map((item) =>
      el('li', {}, `${formatDate(item.at, state.language)} · `, describe(item, m)),
    ),
  );
}

function describe(item, m) {
  switch (item.type) {
    case 'answer':
      return [
        fill(c().answered, { score: formatNumber(item.score, state.language), store: item.storeId }),
        item.quality === 'flagged' ? ` (${c().flagged})` : null,
        item.comment ? el('blockquote', { dir: 'auto' }, item.comment) : null,
      ];
    case 'purchase':
      return fill(c().bought, {
        store: item.storeId,
        amount: formatMoney(item.amountMinor, item.currency, state.language),
      });
    case 'lead':
      return fill(c().lead, { kind: item.kind, store: item.storeId });
    case 'stage-changed':
      return fill(c().moved, { stage: m.stages[item.to] ?? item.to });
    case 'churn-risk-changed':
      return fill(c().riskChanged, { level: m.churnLevels[item.level] ?? item.level });
    case 'tier-changed': {
      const name = (tier) => (tier === null ? c().noTierName : (c().tiers[tier] ?? tier));
      return item.details.direction === 'up'
        ? fill(c().tierReached, { tier: name(item.details.to) })
        : fill(c().tierFell, { tier: name(item.details.to) });
    }
    default:
      return c().events[item.type] ?? item.type;
  }
}
