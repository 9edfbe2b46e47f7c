import { canSeeStore, type Principal } from '#access';
import { ACTIVE_CASE_STATUSES, LadderError, type CustomerDto, type CustomerHistoryItemDto } from '#contracts';
import type { ChurnReason, Segment, Stage } from '#domain';
import {
  CaseRepository,
  CustomerEventRepository,
  CustomerStateRepository,
  CustomerRepository,
  LoyaltyRepository,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactBudgetService } from './contact-budget.service.js';
import { customerEventMessage } from './customer-model.service.js';

const HISTORY_LIMIT = 200;
const LOYALTY_EVENTS = new Set(['loyalty-joined', 'referral-converted', 'reward-issued', 'tier-changed']);

/** A customer's whole profile: contact, rung, value, RFM, churn risk, contact budget and history. */
@Injectable()
export class CustomerProfiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly states: CustomerStateRepository,
    private readonly events: CustomerEventRepository,
    private readonly cases: CaseRepository,
    private readonly loyalty: LoyaltyRepository,
    private readonly budget: ContactBudgetService,
  ) {}

  async profile(customerId: string, principal: Principal): Promise<CustomerDto> {
    const manager = this.dataSource.manager;
    const customer = await this.customers.find(manager, customerId);
    if (!customer) throw LadderError.notFound('The customer');
    // A store-scoped caller sees only customers of their stores, and only what happened there.
    if (principal.scope.kind === 'stores') {
      const stores = await this.customers.storesOf(manager, customerId);
      if (!stores.some((storeId) => canSeeStore(principal, storeId)))
        throw LadderError.notFound('The customer');
    }
    const now = new Date();
    const [state, answerCount, facts, events, openCases, invitation, member, contactBudget] =
      await Promise.all([
        this.states.findState(manager, customerId),
        this.customers.answerCount(manager, customerId),
        this.customers.facts(manager, customerId, HISTORY_LIMIT),
        this.events.eventsOf(manager, customerId, HISTORY_LIMIT),
        this.cases.list(manager, { customerId, statuses: ACTIVE_CASE_STATUSES, limit: 100 }, principal.scope),
        this.loyalty.findInvitation(manager, customerId),
        this.loyalty.findMember(manager, customerId),
        this.budget.budgetOf(manager, customerId, now),
      ]);
    const history: CustomerHistoryItemDto[] = [
      ...facts
        .filter((fact) => canSeeStore(principal, fact.storeId))
        .map(({ occurredAt, ...fact }): CustomerHistoryItemDto => ({
          ...fact,
          at: occurredAt.toISOString(),
        })),
      ...events
        // A store-scoped caller sees the club's vouchers and referrals of their own stores only.
        .filter(
          (event) =>
            !LOYALTY_EVENTS.has(event.type) ||
            (event.homeStoreId !== null && canSeeStore(principal, event.homeStoreId)),
        )
        .map((event): CustomerHistoryItemDto => {
          const message = customerEventMessage(event);
          if (message.type === 'stage-changed') {
            return {
              type: 'stage-changed',
              at: message.occurredAt,
              from: message.from,
              to: message.to,
              reason: message.reason,
            };
          }
          if (message.type === 'churn-risk-changed') {
            return {
              type: 'churn-risk-changed',
              at: message.occurredAt,
              level: message.level,
              reasons: message.reasons,
            };
          }
          return { type: message.type, at: message.occurredAt, details: message.details };
        }),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

    return {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      locale: customer.locale,
      firstSeenAt: customer.firstSeenAt.toISOString(),
      lastSeenAt: customer.lastSeenAt.toISOString(),
      stage: (state?.stage ?? null) as Stage | null,
      stageSince: state?.stageSince?.toISOString() ?? null,
      homeStoreId: state?.homeStoreId ?? null,
      segment: (state?.segment ?? 'prospect') as Segment,
      rfm:
        state && state.recencyScore !== null && state.rfmCurrency !== null && state.lastPurchaseAt
          ? {
              recency: state.recencyScore,
              frequency: state.frequencyScore ?? 0,
              monetary: state.monetaryScore ?? 0,
              metrics: {
                recencyDays: Math.floor((now.getTime() - state.lastPurchaseAt.getTime()) / 86_400_000),
                frequency: state.rfmFrequency ?? 0,
                monetary: { currency: state.rfmCurrency, amountMinor: state.rfmMonetaryMinor ?? 0 },
              },
            }
          : null,
      valueMinor: state?.valueMinor ?? {},
      purchases: {
        count: state?.purchaseCount ?? 0,
        firstAt: state?.firstPurchaseAt?.toISOString() ?? null,
        lastAt: state?.lastPurchaseAt?.toISOString() ?? null,
        usualIntervalDays: state?.usualIntervalDays ?? null,
      },
      lastScore: state?.lastScore ?? null,
      lastAnswerAt: state?.lastAnswerAt?.toISOString() ?? null,
      answerCount,
      churnRisk: {
        level: (state?.churnLevel ?? 'none') as 'none' | 'watch' | 'high',
        reasons: (state?.churnReasons ?? []) as ChurnReason[],
      },
      contactBudget: contactBudget!,
      openCaseIds: openCases.map((openCase) => openCase.id),
      loyaltyClub: invitation
        ? {
            invitedAt: invitation.invitedAt.toISOString(),
            referralCode: invitation.referralCode,
            joinedAt: member?.joinedAt.toISOString() ?? null,
          }
        : null,
      history,
    };
  }
}
