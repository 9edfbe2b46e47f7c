import type { CustomerDto } from '#contracts';
import { CaseRepository, CustomerRepository, LoyaltyRepository } from '#persistence';
import { ACTIVE_CASE_STATUSES } from '#contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { canSeeStore, type Principal } from '../auth/principal.js';
import { ApiException } from '../errors/api.exception.js';

const HISTORY_LIMIT = 200;

@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly customers: CustomerRepository,
    private readonly cases: CaseRepository,
    private readonly loyalty: LoyaltyRepository,
  ) {}

  /** A customer as Ladder knows them; a store-scoped caller sees only customers of their stores. */
  @Get(':id')
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    const manager = this.dataSource.manager;
    const customer = await this.customers.find(manager, id);
    if (!customer) throw ApiException.notFound('The customer');
    if (principal.scope.kind === 'stores') {
      const stores = await this.customers.storesOf(manager, id);
      if (!stores.some((storeId) => canSeeStore(principal, storeId)))
        throw ApiException.notFound('The customer');
    }
    const [totals, facts, openCases, invitation] = await Promise.all([
      this.customers.totals(manager, id),
      this.customers.facts(manager, id, HISTORY_LIMIT),
      this.cases.list(
        manager,
        { customerId: id, statuses: ACTIVE_CASE_STATUSES, limit: 100 },
        principal.scope,
      ),
      this.loyalty.findInvitation(manager, id),
    ]);
    return {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      locale: customer.locale,
      marketingConsent: customer.marketingConsent,
      firstSeenAt: customer.firstSeenAt.toISOString(),
      lastSeenAt: customer.lastSeenAt.toISOString(),
      lastScore: totals.lastScore,
      valueMinor: totals.valueMinor,
      purchaseCount: totals.purchaseCount,
      answerCount: totals.answerCount,
      openCaseIds: openCases.map((openCase) => openCase.id),
      loyaltyClub: invitation
        ? { invitedAt: invitation.invitedAt.toISOString(), referralCode: invitation.referralCode }
        : null,
      history: facts
        .filter((fact) => canSeeStore(principal, fact.storeId))
        .map((fact) =>
          fact.type === 'answer'
            ? {
                type: 'answer' as const,
                eventId: fact.eventId,
                storeId: fact.storeId,
                score: fact.score,
                classification: fact.classification,
                comment: fact.comment,
                occurredAt: fact.occurredAt.toISOString(),
              }
            : {
                type: 'purchase' as const,
                eventId: fact.eventId,
                storeId: fact.storeId,
                orderId: fact.orderId,
                amountMinor: fact.amountMinor,
                currency: fact.currency,
                occurredAt: fact.occurredAt.toISOString(),
              },
        ),
    };
  }
}
