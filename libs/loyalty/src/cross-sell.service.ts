import { LADDER_CONFIG, type LadderConfig } from '#config';
import { ContactBudgetService, CustomerModelService } from '#customer-model';
import { StorePolicies } from '#directory';
import { chooseOffer, rulesFromCounts, type AssociationRule } from '#domain';
import { NotificationScheduler, type NotificationDraft } from '#notifications';
import { TransactionalOutbox, type OutboxTransaction } from '#outbox';
import {
  CrossSellOfferRepository,
  CrossSellRuleRepository,
  type CrossSellLearning,
  type OfferFacts,
  type CustomerEventRow,
  type OfferRecipient,
} from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loyaltyEvent } from './loyalty-event.js';
import { rewardDetails, RewardService } from './reward.service.js';

const PAGE = 200;
/** Two sweeps at once (the schedule and an admin's run) take their pages one after the other. */
const SWEEP_LOCK = 0x4c_58_53_4c; // "LXSL"

export type Progress = (done: number, total: number) => Promise<void> | void;

export interface CrossSellRunResult {
  baskets: number;
  rules: number;
  customers: number;
  offered: number;
  skipped: Record<string, number>;
}

/** Why one customer of the sweep got no offer (beyond the rule's own reasons). */
type SweepSkip = 'already-offered' | 'no-home-store';

/**
 * Cross-sell offers (docs/promoter-loop.md, Cross-sell offers): learns which categories go together from
 * every customer's purchase history, then offers each Client and Advocate the next category a rule says they
 * are likely to want, with a member-discount voucher, through the one contact gate (marketing: consent and
 * budget). A run is safe to repeat: a customer offered within the offer period is offered nothing more, the
 * offer and its voucher are keyed by customer, category and period, and the e-mail by its notification key.
 */
@Injectable()
export class CrossSellService {
  private readonly logger = new Logger(CrossSellService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionalOutbox,
    private readonly rules: CrossSellRuleRepository,
    private readonly offers: CrossSellOfferRepository,
    private readonly rewards: RewardService,
    private readonly budget: ContactBudgetService,
    private readonly customerModel: CustomerModelService,
    private readonly stores: StorePolicies,
    private readonly notifications: NotificationScheduler,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** Learns the rules, then makes the offers they lead to. */
  async run(progress: Progress = () => undefined, now = new Date()): Promise<CrossSellRunResult> {
    const { learning, rules } = await this.learn(now);
    const sweep = await this.offerAll(learning, rules, progress, now);
    return { baskets: learning.baskets, rules: rules.length, ...sweep };
  }

  /**
   * Counts baskets and pairs in PostgreSQL over the learning window, keeps the rules that pass the
   * thresholds, and replaces the rule set in one transaction.
   */
  async learn(now = new Date()): Promise<{ learning: CrossSellLearning; rules: AssociationRule[] }> {
    const { learningWindowMs, thresholds } = this.config.crossSell;
    const window = { from: new Date(now.getTime() - learningWindowMs), to: now };
    const result = await this.dataSource.transaction(async (manager) => {
      const counts = await this.rules.basketCounts(manager, window, thresholds.minCount);
      const rules = rulesFromCounts(counts, thresholds);
      const learning = await this.rules.replaceRules(
        manager,
        { learnedAt: now, windowFrom: window.from, windowTo: window.to, baskets: counts.baskets, thresholds },
        rules,
      );
      return { learning, rules };
    });
    this.logger.log({
      message: 'cross-sell rules learned',
      learningId: result.learning.id,
      baskets: result.learning.baskets,
      rules: result.rules.length,
    });
    return result;
  }

  /** The offer sweep over every Client and Advocate who may receive marketing, a page per transaction. */
  private async offerAll(
    learning: CrossSellLearning,
    rules: AssociationRule[],
    progress: Progress,
    now: Date,
  ): Promise<Omit<CrossSellRunResult, 'baskets' | 'rules'>> {
    const total = await this.offers.countRecipients(this.dataSource.manager);
    const skipped: Record<string, number> = {};
    let customers = 0;
    let offered = 0;
    let after = '';
    for (;;) {
      const page = await this.transactions.run(async (transaction) => {
        await transaction.manager.query('SELECT pg_advisory_xact_lock($1)', [SWEEP_LOCK]);
        const recipients = await this.offers.recipientsAfter(transaction.manager, after, PAGE);
        const outcomes = await this.offerPage(transaction, learning, rules, recipients, now);
        return { recipients, outcomes };
      });
      for (const outcome of page.outcomes) {
        if (outcome === 'offered') offered += 1;
        else skipped[outcome] = (skipped[outcome] ?? 0) + 1;
      }
      customers += page.recipients.length;
      after = page.recipients[page.recipients.length - 1]?.customerId ?? after;
      const last = page.recipients.length < PAGE;
      // The last page is the end, whatever the count said before the sweep began.
      await progress(customers, last ? customers : Math.max(total, customers));
      if (last) break;
    }
    this.logger.log({
      message: 'cross-sell offers made',
      learningId: learning.id,
      customers,
      offered,
      skipped,
    });
    return { customers, offered, skipped };
  }

  /** Decides one page: the rule's choice, the contact gate, then the voucher, the offer and the e-mail. */
  private async offerPage(
    transaction: OutboxTransaction,
    learning: CrossSellLearning,
    rules: AssociationRule[],
    recipients: OfferRecipient[],
    now: Date,
  ): Promise<string[]> {
    if (recipients.length === 0) return [];
    const { manager } = transaction;
    const { recentWindowMs, offerPeriodMs } = this.config.crossSell;
    const periodStart = new Date(Math.floor(now.getTime() / offerPeriodMs) * offerPeriodMs);
    const facts = await this.offers.factsOf(
      manager,
      recipients.map((recipient) => recipient.customerId),
      {
        bought: learning.windowFrom,
        boughtRecently: new Date(now.getTime() - recentWindowMs),
        // A category offered within the recent window is not offered again, bought or not.
        offered: new Date(now.getTime() - Math.max(recentWindowMs, offerPeriodMs)),
      },
    );
    const lastOffers = await this.offers.lastOfferAt(
      manager,
      recipients.map((recipient) => recipient.customerId),
    );
    const homeStores = [...new Set(recipients.flatMap((recipient) => recipient.homeStoreId ?? []))];
    const stores = await this.stores.ofMany(manager, homeStores);
    const drafts: NotificationDraft[] = [];
    const events: CustomerEventRow[] = [];
    const outcomes: string[] = [];
    // Each customer's row is locked by the contact gate: in the order ingest locks them (code units, not the
    // database's collation), so an offer page and an ingest batch never wait on each other in a circle.
    const inLockOrder = [...recipients].sort((left, right) =>
      left.customerId < right.customerId ? -1 : left.customerId > right.customerId ? 1 : 0,
    );
    for (const recipient of inLockOrder) {
      const outcome = await this.offerOne(manager, recipient, {
        facts,
        lastOfferAt: lastOffers.get(recipient.customerId) ?? null,
        learning,
        rules,
        periodStart,
        now,
      });
      if (typeof outcome === 'string') {
        outcomes.push(outcome);
        continue;
      }
      outcomes.push('offered');
      if (outcome.event) events.push(outcome.event);
      drafts.push({
        key: outcome.notificationKey,
        kind: 'cross-sell-offer',
        recipientEmail: recipient.email,
        recipientName: recipient.name,
        locale: StorePolicies.customerLocale(recipient.locale, stores.get(outcome.storeId)!),
        subjectIds: { customerId: recipient.customerId, offerId: outcome.offerId },
      });
    }
    // The voucher is news on customer-events.v1, as every reward is.
    await this.customerModel.recordEvents(transaction, events);
    await this.notifications.schedule(transaction, drafts);
    return outcomes;
  }

  private async offerOne(
    manager: OutboxTransaction['manager'],
    recipient: OfferRecipient,
    context: {
      facts: OfferFacts;
      lastOfferAt: Date | null;
      learning: CrossSellLearning;
      rules: AssociationRule[];
      periodStart: Date;
      now: Date;
    },
  ): Promise<
    { offerId: string; storeId: string; notificationKey: string; event: CustomerEventRow | null } | string
  > {
    const { facts, now, periodStart } = context;
    const customerId = recipient.customerId;
    // One offer per customer within the offer period, whatever its category: a second run offers nothing.
    if (
      context.lastOfferAt &&
      now.getTime() - context.lastOfferAt.getTime() < this.config.crossSell.offerPeriodMs
    )
      return 'already-offered' satisfies SweepSkip;
    const choice = chooseOffer(
      {
        stage: recipient.stage,
        bought: facts.bought.get(customerId) ?? [],
        boughtRecently: facts.boughtRecently.get(customerId) ?? [],
        offeredRecently: facts.offeredRecently.get(customerId) ?? [],
        hasOpenCase: facts.withOpenCase.has(customerId),
      },
      context.rules,
    );
    if (choice.outcome === 'skip') return choice.skip;
    if (!recipient.homeStoreId) return 'no-home-store' satisfies SweepSkip;
    const { rule } = choice;
    const period = periodStart.toISOString();
    const notificationKey = `cross-sell-offer:${customerId}:${rule.consequent}:${period}`;
    const decision = await this.budget.requestContact(
      manager,
      { customerId, kind: 'marketing', purpose: 'cross-sell-offer', notificationKey },
      now,
    );
    if (!decision.allowed) return decision.reason;
    const { reward, created } = await this.rewards.issue(manager, {
      customerId,
      storeId: recipient.homeStoreId,
      kind: 'offer',
      reason: `offer:${rule.consequent}:${period}`,
      // The store's own member discount, in its own currency (else LADDER_OFFER_REWARD).
      spec: (await this.stores.of(manager, recipient.homeStoreId)).rewards.offer,
      now,
    });
    const offer =
      (await this.offers.tryInsert(manager, {
        customerId,
        storeId: recipient.homeStoreId,
        antecedent: rule.antecedent,
        category: rule.consequent,
        learningId: context.learning.id,
        confidence: rule.confidence,
        lift: rule.lift,
        periodStart,
        rewardId: reward.id,
        notificationKey,
        offeredAt: now,
        expiresAt: reward.expiresAt,
      })) ??
      (await this.offers.findByPeriod(manager, { customerId, category: rule.consequent, periodStart }));
    if (!offer) throw new Error(`the cross-sell offer of ${customerId} was neither made nor found`);
    this.logger.log({ message: 'cross-sell offer made', offerId: offer.id, reason: choice.reason });
    const event = created
      ? loyaltyEvent(customerId, 'reward-issued', offer.storeId, rewardDetails(reward), reward.issuedAt)
      : null;
    return { offerId: offer.id, storeId: offer.storeId, notificationKey, event };
  }
}
